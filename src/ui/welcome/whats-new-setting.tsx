import { t } from '../../i18n';
import { useSettings } from '../alerts/hooks';
import { useSaving } from '../saved-notice';

/** "Show what's new after an update": on the "what's new" page itself, and in the options. */
export function WhatsNewSetting() {
  const settings = useSettings();
  const { save } = useSaving();
  if (!settings) return null;
  return (
    <label class="settings-row">
      <input
        type="checkbox"
        data-setting="showWhatsNew"
        checked={settings.showWhatsNew}
        onChange={(event) => save({ showWhatsNew: event.currentTarget.checked })}
      />
      <span class="settings-text">{t('whatsNew_showAfterUpdates')}</span>
    </label>
  );
}
