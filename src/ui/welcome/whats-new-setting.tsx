import { t } from '../../i18n';
import { setSettings } from '../../settings';
import { useSettings } from '../alerts/hooks';

/** "Show what's new after an update": on the "what's new" page itself, and in the options. */
export function WhatsNewSetting() {
  const settings = useSettings();
  if (!settings) return null;
  return (
    <label class="settings-row">
      <input
        type="checkbox"
        data-setting="showWhatsNew"
        checked={settings.showWhatsNew}
        onChange={(event) => void setSettings({ showWhatsNew: event.currentTarget.checked })}
      />
      {t('whatsNew_showAfterUpdates')}
    </label>
  );
}
