import { useState } from 'preact/hooks';
import { requestNotificationPermission, type NotificationPermissionState } from '../../alerts/permission';
import { t, type MessageKey } from '../../i18n';
import { useNotificationPermission } from './hooks';

const STATE_TEXT: Record<NotificationPermissionState, MessageKey> = {
  granted: 'alerts_permissionGranted',
  denied: 'alerts_permissionDenied',
  revoked: 'alerts_permissionRevoked',
  not_asked: 'alerts_permissionNotAsked',
  unsupported: 'alerts_permissionUnsupported',
};

/** The notification permission's state, and the button that asks for it (the click is the gesture it needs). */
export function NotificationPermissionControl() {
  const state = useNotificationPermission();
  const [asking, setAsking] = useState(false);
  if (state === null) return null;

  const ask = () => {
    const answer = requestNotificationPermission();
    setAsking(true);
    void answer.catch(() => false).finally(() => setAsking(false));
  };

  return (
    <div class="alerts-permission" data-testid="alerts-permission" data-state={asking ? 'asking' : state}>
      <span>{t(asking ? 'alerts_permissionWaiting' : STATE_TEXT[state])}</span>
      {state !== 'granted' && state !== 'unsupported' && !asking && (
        <button type="button" class="button" data-testid="alerts-allow-notifications" onClick={ask}>
          {t('alerts_allowNotifications')}
        </button>
      )}
    </div>
  );
}
