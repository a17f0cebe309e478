import { setSettings, type NestedMessages, type BulkLayout } from '../../settings';
import { t } from '../../i18n';
import { useSettings } from './hooks';
import './alerts.css';

/** Options: how attachment zips and .eml downloads are made (read by the download features). */
export function DownloadSettings() {
  const settings = useSettings();
  if (!settings) return null;
  const radio = <T extends string>(name: string, value: T, current: T, label: string, save: (v: T) => void) => (
    <label class="settings-row">
      <input type="radio" name={name} value={value} checked={current === value} onChange={() => save(value)} />
      {label}
    </label>
  );
  return (
    <section class="settings-section" data-testid="settings-downloads">
      <h2>{t('settings_downloadsTitle')}</h2>
      <label class="settings-row">
        <input
          type="checkbox"
          data-setting="useServerArchive"
          checked={settings.useServerArchive}
          onChange={(e) => void setSettings({ useServerArchive: e.currentTarget.checked })}
        />
        <span class="settings-text">{t('settings_useServerArchive')}</span>
      </label>
      <p class="settings-hint">{t('settings_useServerArchiveHint')}</p>
      <label class="settings-row">
        <input
          type="checkbox"
          data-setting="fileNamesWithDate"
          checked={settings.fileNamesWithDate}
          onChange={(e) => void setSettings({ fileNamesWithDate: e.currentTarget.checked })}
        />
        {t('settings_fileNamesWithDate')}
      </label>
      <label class="settings-row">
        <input
          type="checkbox"
          checked={settings.includeInlineImages}
          onChange={(e) => void setSettings({ includeInlineImages: e.currentTarget.checked })}
        />
        {t('settings_includeInlineImages')}
      </label>
      <fieldset>
        <legend>{t('settings_zipLayout')}</legend>
        {radio<BulkLayout>(
          'zipLayout',
          'folder-per-message',
          settings.zipLayout,
          t('settings_zipLayoutFolders'),
          (zipLayout) => void setSettings({ zipLayout }),
        )}
        {radio<BulkLayout>(
          'zipLayout',
          'flat',
          settings.zipLayout,
          t('settings_zipLayoutFlat'),
          (zipLayout) => void setSettings({ zipLayout }),
        )}
      </fieldset>
      <fieldset>
        <legend>{t('settings_nestedMessages')}</legend>
        {radio<NestedMessages>(
          'nestedMessages',
          'eml',
          settings.nestedMessages,
          t('settings_nestedEml'),
          (nestedMessages) => void setSettings({ nestedMessages }),
        )}
        {radio<NestedMessages>(
          'nestedMessages',
          'expand',
          settings.nestedMessages,
          t('settings_nestedExpand'),
          (nestedMessages) => void setSettings({ nestedMessages }),
        )}
      </fieldset>
    </section>
  );
}
