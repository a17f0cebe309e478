import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ensurePollAlarm, POLL_ALARM } from './poll-alarm';
import { testBrowser } from '../../tests/support/fake-browser';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../tests/support/fake-browser')).testBrowser.browser,
}));

const { browser } = testBrowser;
beforeEach(() => testBrowser.reset());

describe('the check alarm', () => {
  it('is created with the interval when missing', async () => {
    await ensurePollAlarm(60);
    expect(await browser.alarms.get(POLL_ALARM)).toMatchObject({ periodInMinutes: 1 });
  });

  it('is left alone when it already has that interval, so worker starts do not push the next check away', async () => {
    await ensurePollAlarm(30);
    const first = await browser.alarms.get(POLL_ALARM);
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 10_000);
    await ensurePollAlarm(30);
    expect(await browser.alarms.get(POLL_ALARM)).toEqual(first);
    vi.restoreAllMocks();
  });

  it('follows a changed interval, but never replaces a pending one-off check', async () => {
    await ensurePollAlarm(60);
    await ensurePollAlarm(300);
    expect((await browser.alarms.get(POLL_ALARM))?.periodInMinutes).toBe(5);
    await browser.alarms.create(POLL_ALARM, { when: Date.now() });
    await ensurePollAlarm(300);
    expect((await browser.alarms.get(POLL_ALARM))?.periodInMinutes).toBeUndefined();
  });
});
