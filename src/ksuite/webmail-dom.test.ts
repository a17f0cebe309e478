import { describe, expect, it } from 'vitest';
import { parseMessageUid } from './webmail-dom';
import { isWebmailUrl } from './hosts';

describe('parseMessageUid', () => {
  it('splits the API uid into short uid and opaque folder id', () => {
    expect(parseMessageUid('1234@eJzz9HPyjwAABGYBgQ--')).toEqual({
      uid: '1234@eJzz9HPyjwAABGYBgQ--',
      shortUid: '1234',
      folderId: 'eJzz9HPyjwAABGYBgQ--',
    });
  });

  it('keeps an @ inside the folder id', () => {
    expect(parseMessageUid('7@a@b')?.folderId).toBe('a@b');
  });

  it.each(['', '@folder', '12@', 'abc@folder', 'no-at-sign'])('rejects %j', (uid) => {
    expect(parseMessageUid(uid)).toBeNull();
  });
});

describe('isWebmailUrl', () => {
  it.each([
    ['https://mail.infomaniak.com/0', true],
    ['https://ksuite.infomaniak.com/all/mail/0', true],
    ['http://mail.infomaniak.com/0', false],
    ['https://mail.infomaniak.com.evil.example/0', false],
    ['https://evil.example/?https://mail.infomaniak.com', false],
    ['not a url', false],
    [undefined, false],
  ])('%s → %s', (url, expected) => {
    expect(isWebmailUrl(url)).toBe(expected);
  });
});
