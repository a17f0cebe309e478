import { useState } from 'preact/hooks';
import { requestNotificationPermission, type NotificationPermissionState } from '../../alerts/permission';
import type { Settings } from '../../settings';
import { t, type MessageKey } from '../../i18n';
import { useSaving } from '../saved-notice';
import { useNotificationPermission } from './hooks';

/** Why the switch is off although the user wants alerts: the browser may not show them. */
const BLOCKED_TEXT: Partial<Record<NotificationPermissionState, MessageKey>> = {
  denied: 'alerts_permissionDenied',
  revoked: 'alerts_permissionRevoked',
  not_asked: 'alerts_permissionNotAsked',
};

/**
 * The alerts switch (popup and options), showing what will happen rather than what was once chosen: it is on only
 * when alerts are wanted and the browser may show them, so the switch and the permission never say different
 * things. Switching it on asks for the permission when it is missing (inside the click, the gesture the browser
 * needs), and alerts are on once the browser says yes.
 */
export function AlertsSwitch({ settings, label }: { settings: Settings; label: MessageKey }) {
  const permission = useNotificationPermission();
  const { save } = useSaving();
  const [asking, setAsking] = useState(false);
  if (permission === null) return null;

  const mayNotify = permission === 'granted' || permission === 'unsupported';
  const toggle = (event: Event) => {
    const wanted = (event.currentTarget as HTMLInputElement).checked;
    if (!wanted || mayNotify) {
      save({ alertsEnabled: wanted });
      return;
    }
    const answer = requestNotificationPermission();
    setAsking(true);
    void answer
      .then((granted) => granted && save({ alertsEnabled: true }))
      .catch(() => false)
      .finally(() => setAsking(false));
  };

  const blocked = settings.alertsEnabled && !mayNotify ? BLOCKED_TEXT[permission] : undefined;
  const note: MessageKey | undefined = asking
    ? 'alerts_permissionWaiting'
    : (blocked ??
      (settings.alertsEnabled && permission === 'unsupported' ? 'alerts_permissionUnsupported' : undefined));
  return (
    <div class="alerts-switch-block" data-testid="alerts-permission" data-state={asking ? 'asking' : permission}>
      <label class="alerts-switch">
        <input
          type="checkbox"
          role="switch"
          data-testid="alerts-enabled"
          checked={asking || (settings.alertsEnabled && mayNotify)}
          disabled={asking}
          onChange={toggle}
        />
        {t(label)}
      </label>
      {note && (
        <p class="alerts-switch-note" data-testid="alerts-permission-note">
          {t(note)}
        </p>
      )}
    </div>
  );
}
