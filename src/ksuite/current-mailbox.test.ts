import { describe, expect, it } from 'vitest';
import { inWebmailOrder, mailboxIndexFromUrl } from './current-mailbox';
import type { Mailbox } from './types';

describe('mailboxIndexFromUrl', () => {
  it.each([
    ['https://mail.infomaniak.com/0', 0],
    ['https://mail.infomaniak.com/2/folder/eJzz9HPyjwAABGYBgQ--/thread/12', 2],
    ['https://ksuite.infomaniak.com/all/mail/1', 1],
    ['https://ksuite.infomaniak.com/1234/mail/3/folder/x', 3],
    ['https://mail.infomaniak.com/', null],
    ['https://mail.infomaniak.com/settings', null],
    ['https://evil.example/0', null],
  ])('%s → %s', (url, index) => expect(mailboxIndexFromUrl(url)).toBe(index));
});

describe('inWebmailOrder', () => {
  const box = (email: string, is_primary = false) => ({ email, is_primary }) as Mailbox;
  it('puts the primary mailbox first, then the others by address', () => {
    const sorted = inWebmailOrder([box('zoe@x.example'), box('bob@x.example'), box('me@x.example', true)]);
    expect(sorted.map((m) => m.email)).toEqual(['me@x.example', 'bob@x.example', 'zoe@x.example']);
  });
});
