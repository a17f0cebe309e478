// @ts-check
/**
 * The webmail's URLs: `/{mailboxIndex}`, `/{mailboxIndex}/folder/{folderId}`,
 * `/{mailboxIndex}/folder/{folderId}/thread/{shortUid}`. Folder ids are opaque (base64-like), so they are encoded.
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
  const index = parts[0] && /^\d+$/.test(parts[0]) ? Number(parts[0]) : 0;
  const folderId = parts[1] === 'folder' && parts[2] ? decode(parts[2]) : null;
  const threadUid = folderId && parts[3] === 'thread' && parts[4] ? decode(parts[4]) : null;
  return { index, folderId, threadUid };
}

/**
 * @param {Route} route
 */
export function routePath({ index, folderId, threadUid }) {
  let path = `/${index}`;
  if (folderId) {
    path += `/folder/${encodeURIComponent(folderId)}`;
    if (threadUid) path += `/thread/${encodeURIComponent(threadUid)}`;
  }
  return path;
}
