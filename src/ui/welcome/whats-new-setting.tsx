import { t } from '../../i18n';
import { useSettings } from '../alerts/hooks';
import { SettingCheckbox } from '../setting-checkbox';

/** "Show what's new after an update": on the "what's new" page itself, and in the options. */
export function WhatsNewSetting() {
  const settings = useSettings();
  if (!settings) return null;
  return <SettingCheckbox settings={settings} setting="showWhatsNew" label={t('whatsNew_showAfterUpdates')} />;
}
