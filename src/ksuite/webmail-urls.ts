import { KSUITE_HOST, MAIL_HOST, MAIL_ORIGIN } from './hosts';
import { parseMessageUid, type MessageRef } from './webmail-dom';

/**
 * What a webmail URL names. Known (Infomaniak's iOS app builds it for Handoff, `UserActivityController.swift`): a
 * folder is `https://mail.infomaniak.com/{mailboxIndex};fid={folderId}`, an Angular matrix parameter on the mailbox
 * segment; the kSuite shell shows mailbox n at `/…/mail/{n}` and frames the mail host, adding a query such as
 * `?ksuite-mode=…&space-id=…`. GUESSED: an opened thread as `/thread/{shortUid}` below the folder URL (the real
 * form is not known; only the floating button on unknown markup relies on it).
 */
export interface WebmailLocation {
  mailboxIndex: number;
  folderId: string | null;
  /** The opened thread's short uid, when the URL names one. */
  shortUid: string | null;
}

export function parseWebmailUrl(href: string): WebmailLocation | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const path =
    url.hostname === MAIL_HOST
      ? url.pathname
      : url.hostname === KSUITE_HOST
        ? /\/mail(\/.*)$/.exec(url.pathname)?.[1]
        : undefined;
  if (!path) return null;
  const [first = '', ...rest] = path.split('/').slice(1);
  const [index = '', ...matrix] = first.split(';');
  if (!/^\d+$/.test(index)) return null;
  const fid = matrix.find((param) => param.startsWith('fid='))?.slice('fid='.length);
  const folderId = fid ? decodeSegment(fid) : null;
  const shortUid = folderId && rest[0] === 'thread' && /^\d+$/.test(rest[1] ?? '') ? rest[1]! : null;
  return { mailboxIndex: Number(index), folderId, shortUid };
}

/** The mailbox a webmail URL shows, by its index in the webmail's order (see current-mailbox.ts). */
export function mailboxIndexFromUrl(href: string): number | null {
  return parseWebmailUrl(href)?.mailboxIndex ?? null;
}

/**
 * Whether a URL may name a message, without taking it apart: only a thread's URL can (see parseWebmailUrl). For the
 * content script at load, which must stay small; messageRefFromUrl says which message.
 */
export function urlMayNameMessage(href: string): boolean {
  return href.includes('/thread/');
}

/** The message a webmail URL shows. Used only when the page's markup does not tell. */
export function messageRefFromUrl(href: string): MessageRef | null {
  const location = parseWebmailUrl(href);
  if (!location?.folderId || !location.shortUid) return null;
  return parseMessageUid(`${location.shortUid}@${location.folderId}`);
}

/** Pages of the classic webmail on the mail host. */
export const WEBMAIL_ROUTES = {
  mailbox: (mailboxIndex: number) => `${MAIL_ORIGIN}/${mailboxIndex}`,
  folder: (mailboxIndex: number, folderId: string) => `${MAIL_ORIGIN}/${mailboxIndex};fid=${encodeSegment(folderId)}`,
  thread: (mailboxIndex: number, folderId: string, shortUid: string) =>
    `${WEBMAIL_ROUTES.folder(mailboxIndex, folderId)}/thread/${encodeSegment(shortUid)}`,
} as const;

/** Folder ids are URL-safe base64 in practice; anything else is escaped, `;` and `/` included. */
function encodeSegment(value: string): string {
  return encodeURIComponent(value);
}

function decodeSegment(value: string): string | null {
  try {
    return decodeURIComponent(value) || null;
  } catch {
    return null;
  }
}
