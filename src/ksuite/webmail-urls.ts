import { MAIL_HOST } from './hosts';
import { parseMessageUid, type MessageRef } from './webmail-dom';

/**
 * The message a webmail URL shows, from `/{mailboxIndex}/folder/{folderId}/thread/{shortUid}` (the form seen on
 * the replica; the real app's routes are not documented). Used only when the page's markup does not tell.
 */
export function messageRefFromUrl(href: string): MessageRef | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.hostname !== MAIL_HOST) return null;
  const match = /^\/\d+\/folder\/([^/]+)\/thread\/(\d+)(?:\/|$)/.exec(url.pathname);
  if (!match) return null;
  try {
    return parseMessageUid(`${match[2]}@${decodeURIComponent(match[1]!)}`);
  } catch {
    return null;
  }
}
