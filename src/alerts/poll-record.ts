import { browser } from 'wxt/browser';
import { KsuiteApiError, type ApiErrorKind } from '../ksuite/api-error';
import { EMPTY_CHECK_STATE, type MailCheck, type MailCheckState } from './check-mail';

export type PollStatus = 'unknown' | 'ok' | 'signed_out' | 'error';

/** Everything the background knows between polls; also what the popup and options page show. */
export interface PollRecord {
  check: MailCheckState;
  status: PollStatus;
  /** Why the last check failed (null after a success). */
  errorKind: ApiErrorKind | null;
  /** Whether the failing check used the personal token (then "signed out" means the token was refused). */
  withToken: boolean;
  /** Failed checks in a row. */
  failures: number;
  /** No scheduled check before this time (epoch ms): the back-off. */
  retryAt: number;
  /** Unread messages in the watched folders at the last successful check. */
  unread: number;
  /** Last check that reached out to the server, whatever came of it (epoch ms; 0 before the first). */
  attemptedAt: number;
}

export const POLL_RECORD_KEY = 'alerts.poll';

export const INITIAL_POLL_RECORD: PollRecord = {
  check: EMPTY_CHECK_STATE,
  status: 'unknown',
  errorKind: null,
  withToken: false,
  failures: 0,
  retryAt: 0,
  unread: 0,
  attemptedAt: 0,
};

/** Back-off after a failure: twice the interval, doubling per failure, at most half an hour. */
export const MAX_BACKOFF_MS = 30 * 60_000;

export function backoffDelayMs(failures: number, intervalMs: number): number {
  return Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(failures, 10));
}

export async function loadPollRecord(): Promise<PollRecord> {
  const stored = (await browser.storage.local.get(POLL_RECORD_KEY))[POLL_RECORD_KEY] as Partial<PollRecord> | undefined;
  return { ...INITIAL_POLL_RECORD, ...(stored ?? {}) };
}

export function watchPollRecord(listener: (record: PollRecord) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[POLL_RECORD_KEY];
    if (area === 'local' && change)
      listener({ ...INITIAL_POLL_RECORD, ...((change.newValue as Partial<PollRecord>) ?? {}) });
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

export function afterSuccess(check: MailCheck, withToken: boolean, now: number): PollRecord {
  return {
    check: check.state,
    status: 'ok',
    errorKind: null,
    withToken,
    failures: 0,
    retryAt: 0,
    unread: check.unread,
    attemptedAt: now,
  };
}

/**
 * Signed out is not a server in trouble: the next scheduled check may simply find the user signed in again, so
 * it is not backed off. Everything else (429, 5xx, no network, odd answers) waits longer after each failure.
 */
export function afterFailure(
  previous: PollRecord,
  error: unknown,
  withToken: boolean,
  intervalMs: number,
  now: number,
): PollRecord {
  const kind: ApiErrorKind = error instanceof KsuiteApiError ? error.kind : 'network';
  if (kind === 'signed_out') {
    return { ...previous, status: 'signed_out', errorKind: kind, withToken, failures: 0, retryAt: 0, attemptedAt: now };
  }
  const failures = previous.failures + 1;
  return {
    ...previous,
    status: 'error',
    errorKind: kind,
    withToken,
    failures,
    retryAt: now + backoffDelayMs(failures, intervalMs),
    attemptedAt: now,
  };
}
