import { describe, expect, it, vi } from 'vitest';
import { badgeFor } from './badge';
import { INITIAL_POLL_RECORD } from './poll-record';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../tests/support/fake-browser')).testBrowser.browser,
}));

const time = (ms: number) => `T${ms}`;

describe('the badge', () => {
  it('is empty before the first check and with nothing unread', () => {
    expect(badgeFor(INITIAL_POLL_RECORD, null, time).text).toBe('');
    const none = badgeFor({ ...INITIAL_POLL_RECORD, status: 'ok', unread: 0 }, null, time);
    expect(none).toEqual({ text: '', color: '#0098ff', title: 'kSuite Mail companion\nNo unread mail' });
  });

  it('counts unread mail, up to 999+', () => {
    expect(badgeFor({ ...INITIAL_POLL_RECORD, status: 'ok', unread: 7 }, null, time)).toMatchObject({
      text: '7',
      title: 'kSuite Mail companion\n7 unread',
    });
    expect(badgeFor({ ...INITIAL_POLL_RECORD, status: 'ok', unread: 1000 }, null, time).text).toBe('999+');
  });

  it('is a grey "?" when signed out, and says whether the token was refused', () => {
    const out = badgeFor({ ...INITIAL_POLL_RECORD, status: 'signed_out', unread: 3 }, null, time);
    expect(out).toMatchObject({ text: '?', color: '#8a919c' });
    expect(out.title).toContain('signed out');
    const refused = badgeFor({ ...INITIAL_POLL_RECORD, status: 'signed_out', withToken: true }, null, time);
    expect(refused.title).toContain('refused your personal API token');
  });

  it('keeps the last count on errors and says so, and mentions a pause', () => {
    const view = badgeFor({ ...INITIAL_POLL_RECORD, status: 'error', unread: 4 }, 1234, time);
    expect(view.text).toBe('4');
    expect(view.title).toBe('kSuite Mail companion\nCould not check for new mail.\nAlerts paused until T1234');
  });
});
