import { requestNotificationPermission, type NotificationPermissionState } from '../../alerts/permission';
import { setSettings, type Settings } from '../../settings';
import { t } from '../../i18n';

/** The alerts' on/off switch (popup, welcome page). Switching on asks for the notifications permission if needed. */
export function AlertsSwitch({
  settings,
  permission,
}: {
  settings: Settings;
  permission: NotificationPermissionState | null;
}) {
  const toggle = (event: Event) => {
    const enabled = (event.currentTarget as HTMLInputElement).checked;
    // Switching alerts on is the moment to ask, and the ask must happen inside this click.
    if (enabled && (permission === 'not_asked' || permission === 'denied' || permission === 'revoked')) {
      void requestNotificationPermission().catch(() => false);
    }
    void setSettings({ alertsEnabled: enabled });
  };
  return (
    <label class="alerts-switch">
      <input type="checkbox" data-testid="alerts-enabled" checked={settings.alertsEnabled} onChange={toggle} />
      {t('alerts_switchLabel')}
    </label>
  );
}
