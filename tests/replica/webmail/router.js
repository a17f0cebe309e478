// @ts-check
/**
 * The webmail's URLs, as the real one forms them: `/{mailboxIndex}` and the folder URL
 * `/{mailboxIndex};fid={folderId}` (an Angular matrix parameter, the form Infomaniak's iOS app builds for Handoff).
 * An opened thread is `/{mailboxIndex};fid={folderId}/thread/{shortUid}`: the real form of that one is not known.
 * A query (the kSuite shell adds `?ksuite-mode=…&space-id=…` to the framed app) is kept as it is.
 */

/** @typedef {{ index: number, folderId: string | null, threadUid: string | null }} Route */

/** @param {string} value */
function decode(value) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * @param {string} pathname
 * @returns {Route}
 */
export function parseRoute(pathname) {
  const parts = pathname.split('/').filter(Boolean);
  const [first = '', ...matrix] = (parts[0] ?? '').split(';');
  const index = /^\d+$/.test(first) ? Number(first) : 0;
  const fid = matrix.find((param) => param.startsWith('fid='))?.slice('fid='.length);
  const folderId = fid ? decode(fid) : null;
  const threadUid = folderId && parts[1] === 'thread' && parts[2] ? decode(parts[2]) : null;
  return { index, folderId, threadUid };
}

/**
 * @param {Route} route
 */
export function routePath({ index, folderId, threadUid }) {
  let path = `/${index}`;
  if (folderId) {
    path += `;fid=${encodeURIComponent(folderId)}`;
    if (threadUid) path += `/thread/${encodeURIComponent(threadUid)}`;
  }
  return path;
}
