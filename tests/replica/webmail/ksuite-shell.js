// @ts-check
/**
 * The kSuite shell around the mail app: `/all/mail/{n}` shows mailbox n of the classic webmail in a frame, which
 * is why the extension's content script must run in frames of mail.infomaniak.com too.
 */
import { icon } from './icons.js';

const MAIL_ORIGIN = 'https://mail.infomaniak.com';

const match = /\/mail\/(\d+)/.exec(location.pathname);
const mailboxIndex = match ? Number(match[1]) : 0;

for (const node of document.querySelectorAll('[data-icon]')) {
  node.prepend(icon(/** @type {HTMLElement} */ (node).dataset.icon ?? 'apps'));
}
for (const link of document.querySelectorAll('a[href="/all/mail/0"]')) {
  link.setAttribute('href', `/all/mail/${mailboxIndex}`);
}
for (const button of document.querySelectorAll('button.ksuite-app')) {
  // The other kSuite apps are not part of the replica; say so rather than navigate to a page that does not exist.
  button.addEventListener('click', () => {
    button.classList.add('unavailable');
    button.setAttribute('title', 'Not available in this replica');
  });
}

const frame = /** @type {HTMLIFrameElement} */ (document.querySelector('iframe.ksuite-app-frame'));
// kSuite apps get the shell's mode and space in their query when framed (seen in Infomaniak's kChat web app; the
// value of `ksuite-mode` for the mail app is a guess). The mail app must work with it.
const spaceId = /^\/(\d+)\/mail/.exec(location.pathname)?.[1];
const query = new URLSearchParams({ 'ksuite-mode': 'full', ...(spaceId ? { 'space-id': spaceId } : {}) });
frame.src = `${MAIL_ORIGIN}/${mailboxIndex}?${query}`;
