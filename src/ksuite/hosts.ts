/**
 * Where kSuite Mail lives. The webmail runs on two hosts: the classic app on mail.infomaniak.com and the kSuite
 * shell on ksuite.infomaniak.com (which is believed to embed the former in an iframe). The mail API is always on
 * the mail host, so that is the only host a token is ever sent to.
 */
export const MAIL_HOST = 'mail.infomaniak.com';
export const KSUITE_HOST = 'ksuite.infomaniak.com';

export const MAIL_ORIGIN = `https://${MAIL_HOST}`;
export const KSUITE_ORIGIN = `https://${KSUITE_HOST}`;

/** The webmail pages the content script runs on; also the extension's only host permissions. */
export const WEBMAIL_MATCHES = [`${MAIL_ORIGIN}/*`, `${KSUITE_ORIGIN}/*`];

/** Where a signed-out user is sent: the kSuite shell's mail app (it redirects to Infomaniak's sign-in). */
export const WEBMAIL_START_URL = `${KSUITE_ORIGIN}/all/mail/0`;

export function isWebmailUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'https:' && (hostname === MAIL_HOST || hostname === KSUITE_HOST);
  } catch {
    return false;
  }
}
