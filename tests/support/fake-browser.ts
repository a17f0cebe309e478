import { fakeBrowser } from 'wxt/testing/fake-browser';
import english from '../../public/_locales/en/messages.json';

// The extension API for unit tests: WXT's in-memory fake browser (storage, alarms, action, notifications, tabs),
// completed with what it leaves out and the alerts use: translated messages (the real English catalogue), the
// manifest, and optional permissions with their events.

type Listener = (permissions: { permissions?: string[] }) => void;

function event() {
  const listeners = new Set<Listener>();
  return {
    addListener: (l: Listener) => void listeners.add(l),
    removeListener: (l: Listener) => void listeners.delete(l),
    hasListener: (l: Listener) => listeners.has(l),
    trigger: (p: { permissions?: string[] }) => listeners.forEach((l) => l(p)),
    clear: () => listeners.clear(),
  };
}

function createTestBrowser() {
  const granted = new Set<string>();
  const onAdded = event();
  const onRemoved = event();
  let manifest: { version: string; permissions: string[]; optional_permissions: string[] } = {
    version: '1.0.0',
    permissions: ['storage', 'alarms', 'contextMenus'],
    optional_permissions: ['notifications'],
  };
  /** What the next `permissions.request` answers, as the user would. */
  let nextAnswer = true;

  const catalogue = english as Record<string, { message: string }>;

  Object.assign(fakeBrowser.i18n, {
    getMessage: (key: string, substitutions?: string | string[]) => {
      const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
      return (catalogue[key]?.message ?? '').replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
    },
    getUILanguage: () => 'en',
  });
  Object.assign(fakeBrowser.runtime, { getManifest: () => manifest, sendMessage: sendRuntimeMessage });
  Object.assign(fakeBrowser, {
    permissions: {
      contains: async ({ permissions = [] }: { permissions?: string[] }) => permissions.every((p) => granted.has(p)),
      request: async ({ permissions = [] }: { permissions?: string[] }) => {
        if (!nextAnswer) return false;
        permissions.forEach((p) => granted.add(p));
        onAdded.trigger({ permissions });
        return true;
      },
      remove: async ({ permissions = [] }: { permissions?: string[] }) => {
        permissions.forEach((p) => granted.delete(p));
        onRemoved.trigger({ permissions });
        return true;
      },
      onAdded,
      onRemoved,
    },
  });

  const notifications = fakeBrowser.notifications;

  return {
    browser: fakeBrowser,
    /** Back to a fresh profile: empty storage, no permission, notifications API present, Chrome's manifest. */
    reset(): void {
      Object.assign(fakeBrowser, { notifications });
      fakeBrowser.reset();
      granted.clear();
      onAdded.clear();
      onRemoved.clear();
      nextAnswer = true;
      manifest = {
        version: '1.0.0',
        permissions: ['storage', 'alarms', 'contextMenus'],
        optional_permissions: ['notifications'],
      };
    },
    grantNotifications(): void {
      granted.add('notifications');
    },
    /** The version the manifest says is installed (an update's new version). */
    installedVersion(version: string): void {
      manifest = { ...manifest, version };
    },
    answerNextRequest(answer: boolean): void {
      nextAnswer = answer;
    },
    /** A browser like Safari: no notifications API for extensions, so the manifest does not offer the permission. */
    withoutNotificationsApi(): void {
      manifest = { ...manifest, optional_permissions: [] };
      Object.assign(fakeBrowser, { notifications: undefined });
    },
  };
}

/**
 * runtime.sendMessage as browsers deliver it: each listener gets the message, the sender and `sendResponse`, and
 * answers by returning a promise (as webextension-polyfill and Firefox allow) or by returning `true` and calling
 * `sendResponse` later (every browser; what the webmail content script does, which runs without the polyfill).
 * No listener at all rejects, as in a browser.
 */
async function sendRuntimeMessage(message: unknown): Promise<unknown> {
  const onMessage = fakeBrowser.runtime.onMessage as unknown as {
    hasListeners(): boolean;
    trigger(...args: unknown[]): Promise<unknown[]>;
  };
  if (!onMessage.hasListeners()) throw new Error('No listeners available');
  let respond!: (response: unknown) => void;
  const responded = new Promise<unknown>((resolve) => (respond = resolve));
  const results = await onMessage.trigger(message, {}, respond);
  return results.includes(true) ? responded : results.find((r) => !!r);
}

type TestBrowser = ReturnType<typeof createTestBrowser>;

/**
 * One instance per test file even across `vi.resetModules()` (used to play a restarted service worker), so that
 * the code under test and the test see the same storage and notifications.
 */
const shared = globalThis as { alertsTestBrowser?: TestBrowser };
export const testBrowser: TestBrowser = (shared.alertsTestBrowser ??= createTestBrowser());
