import { beforeEach, describe, expect, it, vi } from 'vitest';
import { testBrowser } from '../../../tests/support/fake-browser';
import { noticeBackupEnd } from './end-notice';
import { EMPTY_REPORT } from './testing/fake-engine';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../../tests/support/fake-browser')).testBrowser.browser,
}));

const { browser } = testBrowser;
beforeEach(() => {
  vi.restoreAllMocks();
  testBrowser.reset();
});

describe('the notification at the end of a backup', () => {
  it('says whether the backup is complete, when the alerts may notify', async () => {
    testBrowser.grantNotifications();
    const create = vi.spyOn(browser.notifications, 'create');
    await noticeBackupEnd({ ...EMPTY_REPORT, complete: true });
    expect(create).toHaveBeenLastCalledWith(
      'companion-notice',
      expect.objectContaining({ message: 'Mailbox backup complete: every message is in the backup.' }),
    );
    await noticeBackupEnd({ ...EMPTY_REPORT, complete: false });
    expect(create).toHaveBeenLastCalledWith(
      'companion-notice',
      expect.objectContaining({ message: expect.stringContaining('some messages are missing') }),
    );
  });

  it('is not shown, and not asked for, when notifications were never allowed', async () => {
    const create = vi.spyOn(browser.notifications, 'create');
    const request = vi.spyOn(browser.permissions, 'request');
    await noticeBackupEnd({ ...EMPTY_REPORT, complete: true });
    expect(create).not.toHaveBeenCalled();
    expect(request).not.toHaveBeenCalled();
  });

  it('is left out where the browser has no notifications (Safari)', async () => {
    testBrowser.withoutNotificationsApi();
    await expect(noticeBackupEnd({ ...EMPTY_REPORT, complete: true })).resolves.toBeUndefined();
  });
});
