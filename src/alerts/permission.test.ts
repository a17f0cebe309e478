import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  notificationPermissionState,
  recordPermissionChanges,
  requestNotificationPermission,
  watchNotificationPermission,
} from './permission';
import { testBrowser } from '../../tests/support/fake-browser';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../tests/support/fake-browser')).testBrowser.browser,
}));

const { browser } = testBrowser;

beforeEach(() => testBrowser.reset());

describe('the notification permission', () => {
  it('is "not asked" at first, then what the user answered', async () => {
    expect(await notificationPermissionState()).toBe('not_asked');
    testBrowser.answerNextRequest(false);
    expect(await requestNotificationPermission()).toBe(false);
    expect(await notificationPermissionState()).toBe('denied');
    testBrowser.answerNextRequest(true);
    expect(await requestNotificationPermission()).toBe(true);
    expect(await notificationPermissionState()).toBe('granted');
  });

  it('is "revoked" once the browser takes it away, and watchers hear of it', async () => {
    recordPermissionChanges(() => undefined);
    await requestNotificationPermission();
    const states: string[] = [];
    watchNotificationPermission((state) => states.push(state));
    await browser.permissions.remove({ permissions: ['notifications'] });
    await vi.waitFor(() => expect(states.at(-1)).toBe('revoked'));
    expect(await notificationPermissionState()).toBe('revoked');
  });

  it('is "unsupported" where the manifest cannot offer it (Safari)', async () => {
    testBrowser.withoutNotificationsApi();
    expect(await notificationPermissionState()).toBe('unsupported');
  });

  it('tells the background when it is granted, so notification clicks get listened to', async () => {
    const onGranted = vi.fn();
    recordPermissionChanges(onGranted);
    await requestNotificationPermission();
    expect(onGranted).toHaveBeenCalledOnce();
  });
});
