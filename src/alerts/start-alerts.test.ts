import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startReplica, type Replica } from '../../tests/replica/index';
import { replicaFetch } from '../../tests/support/replica-fetch';
import { setSettings } from '../settings';
import { CHECK_MAIL, WEBMAIL_OPENED } from './check-requests';
import { POLL_ALARM } from './poll-alarm';
import { loadPollRecord } from './poll-record';
import { startAlerts } from './start-alerts';
import { testBrowser } from '../../tests/support/fake-browser';

// The background wiring: which browser events lead to a check, and what the alarm looks like.

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../tests/support/fake-browser')).testBrowser.browser,
}));

const { browser } = testBrowser;
let replica: Replica;

beforeAll(async () => {
  replica = await startReplica();
});
afterAll(() => replica?.close());
beforeEach(() => {
  replica.control.reset();
  testBrowser.reset();
  const { name, value } = replica.control.issueSessionCookie();
  vi.stubGlobal('fetch', replicaFetch(replica.port, { cookie: `${name}=${value}` }));
  Object.assign(browser, {
    contextMenus: { create: vi.fn(), update: vi.fn(async () => undefined), onClicked: { addListener: vi.fn() } },
  });
  startAlerts();
});

describe('startAlerts', () => {
  it('keeps a periodic alarm at the chosen interval', async () => {
    await vi.waitFor(async () => expect((await browser.alarms.get(POLL_ALARM))?.periodInMinutes).toBe(1));
    await setSettings({ pollIntervalSeconds: 30 });
    await vi.waitFor(async () => expect((await browser.alarms.get(POLL_ALARM))?.periodInMinutes).toBe(0.5));
  });

  it('checks on the alarm and when a page asks', async () => {
    await browser.alarms.onAlarm.trigger({ name: POLL_ALARM, scheduledTime: Date.now() });
    await vi.waitFor(async () => expect((await loadPollRecord()).status).toBe('ok'));

    const [answer] = await browser.runtime.onMessage.trigger({ type: CHECK_MAIL, force: true }, {});
    expect(answer).toMatchObject({ status: 'ok' });
  });

  it('re-checks at once when a webmail page opens while signed out', async () => {
    replica.control.expireSession();
    await browser.runtime.onMessage.trigger({ type: CHECK_MAIL, force: true }, {});
    expect((await loadPollRecord()).status).toBe('signed_out');
    const { name, value } = replica.control.issueSessionCookie();
    vi.stubGlobal('fetch', replicaFetch(replica.port, { cookie: `${name}=${value}` }));
    const [rechecked] = await browser.runtime.onMessage.trigger({ type: WEBMAIL_OPENED }, {});
    expect(rechecked).toBe(true);
    expect((await loadPollRecord()).status).toBe('ok');
  });

  it('leaves other messages to other listeners', async () => {
    const answers = await browser.runtime.onMessage.trigger({ type: 'something-else' }, {});
    expect(answers).toEqual([undefined]);
  });
});
