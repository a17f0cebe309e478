// @ts-check
/**
 * The kSuite Mail API as the webmail page uses it: same origin, session cookie, the `{result, data}` envelope.
 * Routes and shapes follow docs/ksuite-webmail.md; nothing here is specific to the replica.
 */

export const LOGIN_ORIGIN = 'https://login.infomaniak.com';

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} description
   */
  constructor(status, code, description) {
    super(description || code);
    this.status = status;
    this.code = code;
  }
}

/** Where the sign-in page sends the user back to after login. */
export function loginUrl() {
  return `${LOGIN_ORIGIN}/?redirect=${encodeURIComponent(location.href)}`;
}

/**
 * @param {string} path a path from the mail host's root (API `resource` fields are such paths)
 * @param {{ method?: string, query?: Record<string, string>, body?: unknown, signal?: AbortSignal }} [options]
 * @returns {Promise<any>} the envelope's `data`
 */
export async function request(path, { method = 'GET', query, body, signal } = {}) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    credentials: 'include',
    signal,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    // The session is gone: the real webmail hands over to the login host, which brings the user back here.
    location.assign(loginUrl());
    throw new ApiError(401, 'not_authorized', 'Not signed in');
  }
  let envelope;
  try {
    envelope = await response.json();
  } catch {
    throw new ApiError(response.status, 'invalid_response', `HTTP ${response.status}`);
  }
  if (!response.ok || envelope?.result !== 'success') {
    const error = envelope?.error ?? {};
    throw new ApiError(response.status, error.code ?? `http_${response.status}`, error.description ?? '');
  }
  return envelope.data;
}

/** @param {AbortSignal} [signal] */
export function listMailboxes(signal) {
  return request('/api/mailbox', { query: { with: 'aliases,unseen' }, signal });
}

/**
 * @param {string} mailboxUuid
 * @param {AbortSignal} [signal]
 */
export function listFolders(mailboxUuid, signal) {
  return request(`/api/mail/${encodeURIComponent(mailboxUuid)}/folder`, { query: { with: 'ik-static' }, signal });
}

/**
 * @param {string} mailboxUuid
 * @param {string} folderId
 * @param {AbortSignal} [signal]
 */
export function listThreads(mailboxUuid, folderId, signal) {
  return request(`/api/mail/${encodeURIComponent(mailboxUuid)}/folder/${encodeURIComponent(folderId)}/message`, {
    query: { offset: '0', thread: 'on' },
    signal,
  });
}

/**
 * The next page, as named by the previous page's `resource_next`.
 * @param {string} resource
 * @param {AbortSignal} [signal]
 */
export function listThreadsAt(resource, signal) {
  return request(resource, { signal });
}

/**
 * @param {string} resource the message's `resource`
 * @param {AbortSignal} [signal]
 */
export function getMessage(resource, signal) {
  return request(resource, { query: { prefered_format: 'html', with: 'auto_uncrypt' }, signal });
}

/**
 * The message route the API would name in `resource`, for a URL that names a message not in the loaded list.
 * @param {string} mailboxUuid @param {string} folderId @param {string} shortUid
 */
export function messageResource(mailboxUuid, folderId, shortUid) {
  return `/api/mail/${encodeURIComponent(mailboxUuid)}/folder/${encodeURIComponent(folderId)}/message/${encodeURIComponent(shortUid)}`;
}

/**
 * @param {string} mailboxUuid
 * @param {string[]} uids `{shortUid}@{folderId}`
 */
export function markSeen(mailboxUuid, uids) {
  return request(`/api/mail/${encodeURIComponent(mailboxUuid)}/message/seen`, { method: 'POST', body: { uids } });
}
