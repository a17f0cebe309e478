/**
 * What can go wrong talking to kSuite Mail, as the user should hear it. Each kind has one translated sentence
 * (`apiError_<kind>` in _locales); `signed_out` also offers a way to sign in again.
 */
export type ApiErrorKind =
  | 'signed_out' // the session expired or the token was revoked, however the server says it (see api-client.ts)
  | 'not_found' // the message or folder no longer exists
  | 'rate_limited' // 429 after our retries
  | 'server' // 5xx after our retries
  | 'network' // no answer at all
  | 'incomplete' // the body ended before its announced length
  | 'bad_response' // not the JSON envelope we expect
  | 'aborted'; // the user cancelled

export class KsuiteApiError extends Error {
  override readonly name = 'KsuiteApiError';

  constructor(
    readonly kind: ApiErrorKind,
    readonly detail: {
      status?: number;
      code?: string;
      requestId?: string | null;
      /** How long the server asked us to wait (`Retry-After`), when it said. */
      retryAfterMs?: number | null;
    } = {},
    options?: { cause?: unknown },
  ) {
    super(`${kind}${detail.status ? ` (HTTP ${detail.status})` : ''}${detail.code ? ` ${detail.code}` : ''}`, options);
  }

  /** Worth trying again after a pause: the server said so, or did not answer. */
  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'server' || this.kind === 'network';
  }
}

/** Error codes of the envelope that mean "no such object". */
const NOT_FOUND_CODES = new Set(['mail__message_not_found', 'object_not_found']);

/**
 * Error codes that mean "not signed in", whatever the status: both of Infomaniak's mail apps know `not_authorized`
 * and `access_denied` (`MailApiError.swift`, android `ApiErrorCode`); `invalid_credentials` is the API's word for a
 * credential it refuses.
 */
const SIGNED_OUT_CODES = new Set(['not_authorized', 'access_denied', 'invalid_credentials']);

export function errorFromResponse(
  status: number,
  code: string | undefined,
  requestId: string | null,
  retryAfterMs: number | null = null,
): KsuiteApiError {
  const detail = { status, code, requestId, retryAfterMs };
  if (status === 401 || (code && SIGNED_OUT_CODES.has(code))) return new KsuiteApiError('signed_out', detail);
  if (status === 404 || (code && NOT_FOUND_CODES.has(code))) return new KsuiteApiError('not_found', detail);
  if (status === 429 || code === 'too_many_request') return new KsuiteApiError('rate_limited', detail);
  if (status >= 500) return new KsuiteApiError('server', detail);
  return new KsuiteApiError('bad_response', detail);
}

/**
 * Waits for a shared request on behalf of one caller: the caller's abort rejects at once for that caller only,
 * while the request goes on for the others waiting on it.
 */
export function awaitWithSignal<T>(shared: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return shared;
  if (signal.aborted) return Promise.reject(new KsuiteApiError('aborted', {}, { cause: signal.reason }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new KsuiteApiError('aborted', {}, { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    shared.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
