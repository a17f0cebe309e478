import { describe, expect, it } from 'vitest';
import { KsuiteApiError } from '../ksuite/api-error';
import { afterFailure, backoffDelayMs, INITIAL_POLL_RECORD, MAX_BACKOFF_MS } from './poll-record';

describe('back-off after failed checks', () => {
  it('doubles from twice the interval and stops at half an hour', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, 60_000))).toEqual([120_000, 240_000, 480_000, 960_000]);
    expect(backoffDelayMs(5, 60_000)).toBe(MAX_BACKOFF_MS);
    expect(backoffDelayMs(50, 60_000)).toBe(MAX_BACKOFF_MS);
  });

  it('counts failures of the server and the network', () => {
    const once = afterFailure(
      INITIAL_POLL_RECORD,
      new KsuiteApiError('rate_limited', { status: 429 }),
      false,
      60_000,
      1000,
    );
    const twice = afterFailure(once, new TypeError('offline'), false, 60_000, 2000);
    expect(once).toMatchObject({ status: 'error', errorKind: 'rate_limited', failures: 1, retryAt: 121_000 });
    expect(twice).toMatchObject({ status: 'error', errorKind: 'network', failures: 2, retryAt: 242_000 });
  });

  it('does not back off when signed out: the next tick may find the user signed in again', () => {
    const failing = { ...INITIAL_POLL_RECORD, failures: 3, retryAt: 99_999, unread: 4 };
    const out = afterFailure(failing, new KsuiteApiError('signed_out', { status: 401 }), true, 60_000, 5000);
    expect(out).toMatchObject({ status: 'signed_out', withToken: true, failures: 0, retryAt: 0, unread: 4 });
  });
});
