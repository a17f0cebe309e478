import { browser } from 'wxt/browser';
import { t } from '../i18n';
import type { AlertButton, AlertNotification } from './alert-notifications';
import { rememberTargets } from './notification-targets';

/** Firefox shows neither buttons nor a context line on notifications (and warns about them): left out there. */
const BUTTONS_SUPPORTED = !import.meta.env.FIREFOX;
const CONTEXT_LINE_SUPPORTED = !import.meta.env.FIREFOX;

const BUTTON_LABEL: Record<AlertButton, () => string> = {
  read: () => t('alerts_markRead'),
  archive: () => t('alerts_archive'),
};

/** The browser's notifications API, when this browser has one and the user allowed it. */
export function systemNotifications(): typeof browser.notifications | null {
  return (browser as { notifications?: typeof browser.notifications }).notifications ?? null;
}

export async function showSystemNotifications(alerts: readonly AlertNotification[], now: number): Promise<void> {
  const api = systemNotifications();
  if (!api || alerts.length === 0) return;
  const shown = alerts.map((alert) => ({
    id: alert.id,
    target: { ...alert.target, buttons: BUTTONS_SUPPORTED ? alert.target.buttons : [] },
  }));
  await rememberTargets(shown, now);
  const iconUrl = browser.runtime.getURL('/icon/128.png');
  for (const alert of alerts) {
    const buttons = BUTTONS_SUPPORTED ? alert.target.buttons.map((b) => ({ title: BUTTON_LABEL[b]() })) : undefined;
    await api.create(alert.id, {
      type: 'basic',
      iconUrl,
      title: alert.title,
      message:
        alert.contextMessage && !CONTEXT_LINE_SUPPORTED ? `${alert.message}\n${alert.contextMessage}` : alert.message,
      ...(alert.contextMessage && CONTEXT_LINE_SUPPORTED ? { contextMessage: alert.contextMessage } : {}),
      ...(buttons?.length ? { buttons } : {}),
      eventTime: now,
    });
  }
}

/** The id of the extension's own notices: outside NOTIFICATION_PREFIX, so the alerts' click listeners leave it. */
export const NOTICE_ID = 'companion-notice';

/** A message from the extension itself, not an alert (nothing to open). A new notice replaces the last. */
export async function showNoticeNotification(message: string): Promise<void> {
  const api = systemNotifications();
  if (!api) return;
  await api.create(NOTICE_ID, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: t('extName'),
    message,
  });
}

export async function clearSystemNotifications(ids: readonly string[]): Promise<void> {
  const api = systemNotifications();
  if (!api) return;
  await Promise.all(ids.map((id) => api.clear(id)));
}
