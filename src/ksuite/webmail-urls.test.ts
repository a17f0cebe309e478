import { describe, expect, it } from 'vitest';
import {
  mailboxIndexFromUrl,
  messageRefFromUrl,
  parseWebmailUrl,
  urlMayNameMessage,
  WEBMAIL_ROUTES,
} from './webmail-urls';

const INBOX = 'eJzz9HPyjwAABGYBgQ--';

describe('mailboxIndexFromUrl', () => {
  it.each([
    ['https://mail.infomaniak.com/0', 0],
    // The folder URL Infomaniak's iOS app hands to the webmail (Handoff): a matrix parameter after the index.
    [`https://mail.infomaniak.com/1;fid=${INBOX}`, 1],
    [`https://mail.infomaniak.com/2;fid=${INBOX}?ksuite-mode=side&space-id=12#top`, 2],
    [`https://mail.infomaniak.com/1;fid=${INBOX}/thread/12`, 1],
    ['https://mail.infomaniak.com/3/', 3],
    ['https://mail.infomaniak.com/0/settings/signatures', 0],
    ['https://ksuite.infomaniak.com/all/mail/1', 1],
    ['https://ksuite.infomaniak.com/1234/mail/3?ksuite-mode=side', 3],
    ['https://ksuite.infomaniak.com/1234/mail', null],
    ['https://mail.infomaniak.com/', null],
    ['https://mail.infomaniak.com/settings', null],
    ['https://mail.infomaniak.com/12abc', null],
    ['https://evil.example/0', null],
    ['not a url', null],
  ])('%s → %s', (url, index) => expect(mailboxIndexFromUrl(url)).toBe(index));
});

describe('parseWebmailUrl', () => {
  it('reads the folder of a folder URL, with or without query and hash', () => {
    expect(parseWebmailUrl(`https://mail.infomaniak.com/1;fid=${INBOX}`)).toEqual({
      mailboxIndex: 1,
      folderId: INBOX,
      shortUid: null,
    });
    expect(parseWebmailUrl(`https://mail.infomaniak.com/0;x=1;fid=a%2Bb%2F?q=1#h`)?.folderId).toBe('a+b/');
    expect(parseWebmailUrl('https://mail.infomaniak.com/0;fid=')?.folderId).toBeNull();
    expect(parseWebmailUrl('https://mail.infomaniak.com/0;fid=%E0%A4%A')?.folderId).toBeNull();
  });
});

describe('messageRefFromUrl', () => {
  it('reads the opened message from a thread URL, folder id decoded', () => {
    expect(messageRefFromUrl(`https://mail.infomaniak.com/0;fid=${INBOX}/thread/42`)).toEqual({
      uid: `42@${INBOX}`,
      shortUid: '42',
      folderId: INBOX,
    });
    expect(messageRefFromUrl('https://mail.infomaniak.com/1;fid=a%2Bb%2F/thread/7')?.folderId).toBe('a+b/');
    expect(messageRefFromUrl(`https://mail.infomaniak.com/0;fid=${INBOX}`)).toBeNull();
    expect(messageRefFromUrl(`https://mail.infomaniak.com/0;fid=${INBOX}/thread/x`)).toBeNull();
    expect(messageRefFromUrl('https://mail.infomaniak.com/0/thread/1')).toBeNull();
    expect(messageRefFromUrl(`https://evil.example/0;fid=${INBOX}/thread/1`)).toBeNull();
  });
});

describe('WEBMAIL_ROUTES', () => {
  it('builds the folder URL the iOS app builds, and a thread URL that reads back', () => {
    expect(WEBMAIL_ROUTES.mailbox(1)).toBe('https://mail.infomaniak.com/1');
    expect(WEBMAIL_ROUTES.folder(1, INBOX)).toBe(`https://mail.infomaniak.com/1;fid=${INBOX}`);
    expect(WEBMAIL_ROUTES.folder(0, 'a+b/;c')).toBe('https://mail.infomaniak.com/0;fid=a%2Bb%2F%3Bc');
    expect(messageRefFromUrl(WEBMAIL_ROUTES.thread(2, 'a+b/;c', '9'))).toEqual({
      uid: '9@a+b/;c',
      shortUid: '9',
      folderId: 'a+b/;c',
    });
  });
});

describe('urlMayNameMessage', () => {
  // The content script's quick look at load: it must never pass over a URL that messageRefFromUrl reads as a message.
  it('holds for every message URL, on both hosts, and not for a mailbox or folder', () => {
    const thread = WEBMAIL_ROUTES.thread(0, 'eJzzTc1NTE4tKknNBQAmAgUu', '1234');
    const shell = `https://ksuite.infomaniak.com/all/mail/0;fid=eJzz/thread/1234?ksuite-mode=light`;
    for (const href of [thread, shell]) {
      expect(messageRefFromUrl(href)).not.toBeNull();
      expect(urlMayNameMessage(href)).toBe(true);
    }
    expect(urlMayNameMessage(WEBMAIL_ROUTES.mailbox(0))).toBe(false);
    expect(urlMayNameMessage(WEBMAIL_ROUTES.folder(0, 'eJzzTc1NTE4tKknNBQAmAgUu'))).toBe(false);
  });
});
