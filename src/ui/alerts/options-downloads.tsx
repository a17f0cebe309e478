import type { NestedMessages, BulkLayout } from '../../settings';
import { useSaving } from '../saved-notice';
import { SettingCheckbox } from '../setting-checkbox';
import { t } from '../../i18n';
import { useSettings } from './hooks';
import './alerts.css';

/** Options: how attachment zips and .eml downloads are made (read by the download features). */
export function DownloadSettings() {
  const settings = useSettings();
  const { save } = useSaving();
  if (!settings) return null;
  const radio = <T extends string>(name: string, value: T, current: T, label: string, choose: (v: T) => void) => (
    <label class="settings-row">
      <input type="radio" name={name} value={value} checked={current === value} onChange={() => choose(value)} />
      {label}
    </label>
  );
  return (
    <section class="settings-section" data-testid="settings-downloads">
      <h2>{t('settings_downloadsTitle')}</h2>
      <SettingCheckbox settings={settings} setting="useServerArchive" label={t('settings_useServerArchive')} />
      <p class="settings-hint">{t('settings_useServerArchiveHint')}</p>
      <SettingCheckbox settings={settings} setting="fileNamesWithDate" label={t('settings_fileNamesWithDate')} />
      <SettingCheckbox settings={settings} setting="includeInlineImages" label={t('settings_includeInlineImages')} />
      <fieldset>
        <legend>{t('settings_zipLayout')}</legend>
        {radio<BulkLayout>(
          'zipLayout',
          'folder-per-message',
          settings.zipLayout,
          t('settings_zipLayoutFolders'),
          (zipLayout) => save({ zipLayout }),
        )}
        {radio<BulkLayout>('zipLayout', 'flat', settings.zipLayout, t('settings_zipLayoutFlat'), (zipLayout) =>
          save({ zipLayout }),
        )}
      </fieldset>
      <fieldset>
        <legend>{t('settings_nestedMessages')}</legend>
        {radio<NestedMessages>(
          'nestedMessages',
          'eml',
          settings.nestedMessages,
          t('settings_nestedEml'),
          (nestedMessages) => save({ nestedMessages }),
        )}
        {radio<NestedMessages>(
          'nestedMessages',
          'expand',
          settings.nestedMessages,
          t('settings_nestedExpand'),
          (nestedMessages) => save({ nestedMessages }),
        )}
      </fieldset>
    </section>
  );
}
