import { deflateSync, inflateSync } from 'node:zlib';

/**
 * Folder ids as the real API shapes them: base64 of the zlib-deflated IMAP path, '=' padding written as '-'
 * ('INBOX' -> 'eJzz9HPyjwAABGYBgQ--'). Clients must treat them as opaque; the replica keeps the form so that
 * URLs and uids ("{shortUid}@{folderId}") look like the real ones, '+' and '/' included.
 */
export function folderIdFromPath(path: string): string {
  return deflateSync(Buffer.from(path, 'utf8')).toString('base64').replace(/=/g, '-');
}

/** Inverse of folderIdFromPath; undefined when the id is not one. */
export function pathFromFolderId(folderId: string): string | undefined {
  try {
    return inflateSync(Buffer.from(folderId.replace(/-/g, '='), 'base64')).toString('utf8');
  } catch {
    return undefined;
  }
}
