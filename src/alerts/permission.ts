import { browser } from 'wxt/browser';

/**
 * The optional `notifications` permission as the user should see it. Browsers only say "granted or not", so the
 * user's last answer is remembered to tell "denied" and "turned off later" from "never asked".
 */
export type NotificationPermissionState = 'granted' | 'denied' | 'revoked' | 'not_asked' | 'unsupported';

const NOTIFICATIONS = { permissions: ['notifications' as const] };
export const PERMISSION_ANSWER_KEY = 'alerts.permissionAnswer';

type Answer = 'granted' | 'denied' | 'revoked';

/** Safari has no notifications API, so its manifest does not offer the permission. */
export function notificationsSupported(): boolean {
  const manifest = browser.runtime.getManifest() as { permissions?: unknown[]; optional_permissions?: unknown[] };
  return [...(manifest.optional_permissions ?? []), ...(manifest.permissions ?? [])].includes('notifications');
}

export async function notificationsGranted(): Promise<boolean> {
  return notificationsSupported() && (await browser.permissions.contains(NOTIFICATIONS));
}

export async function notificationPermissionState(): Promise<NotificationPermissionState> {
  if (!notificationsSupported()) return 'unsupported';
  if (await browser.permissions.contains(NOTIFICATIONS)) return 'granted';
  const answer = (await browser.storage.local.get(PERMISSION_ANSWER_KEY))[PERMISSION_ANSWER_KEY] as Answer | undefined;
  return answer === 'denied' || answer === 'revoked' ? answer : 'not_asked';
}

/**
 * Asks the browser for the permission. Must be the first thing a click handler does: `permissions.request`
 * only works inside the user's gesture, which any earlier `await` would end.
 */
export function requestNotificationPermission(): Promise<boolean> {
  return browser.permissions.request(NOTIFICATIONS).then(async (granted) => {
    await recordAnswer(granted ? 'granted' : 'denied');
    return granted;
  });
}

export async function recordAnswer(answer: Answer): Promise<void> {
  await browser.storage.local.set({ [PERMISSION_ANSWER_KEY]: answer });
}

function concernsNotifications(permissions: { permissions?: string[] }): boolean {
  return permissions.permissions?.includes('notifications') ?? false;
}

/** Calls `listener` with the new state whenever the permission is granted, removed or answered. */
export function watchNotificationPermission(listener: (state: NotificationPermissionState) => void): () => void {
  const update = () => void notificationPermissionState().then(listener);
  const onPermissions = (permissions: { permissions?: string[] }) => {
    if (concernsNotifications(permissions)) update();
  };
  const onStorage = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && PERMISSION_ANSWER_KEY in changes) update();
  };
  browser.permissions.onAdded.addListener(onPermissions);
  browser.permissions.onRemoved.addListener(onPermissions);
  browser.storage.onChanged.addListener(onStorage);
  return () => {
    browser.permissions.onAdded.removeListener(onPermissions);
    browser.permissions.onRemoved.removeListener(onPermissions);
    browser.storage.onChanged.removeListener(onStorage);
  };
}

/** For the background: remember grants and revocations made anywhere (our pages, the browser's settings). */
export function recordPermissionChanges(onGranted: () => void): void {
  browser.permissions.onAdded.addListener((permissions) => {
    if (!concernsNotifications(permissions)) return;
    void recordAnswer('granted');
    onGranted();
  });
  browser.permissions.onRemoved.addListener((permissions) => {
    if (concernsNotifications(permissions)) void recordAnswer('revoked');
  });
}
