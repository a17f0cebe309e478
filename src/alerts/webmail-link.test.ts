import { describe, expect, it } from 'vitest';
import type { Mailbox } from '../ksuite/types';
import { webmailUrlIn, type WebmailLink } from './webmail-link';

// A link the alerts made from a token's mailbox list, opened in the webmail of the browser's session.

const box = (email: string, is_primary = false) => ({ email, is_primary, uuid: `uuid-of-${email}` }) as Mailbox;
const INBOX = 'eJzz9HPyjwAABGYBgQ--';
/** Found with Beat's token: the shared mailbox is his third (index 2). */
const shared: WebmailLink = { mailboxEmail: 'team@shared.example', mailboxIndex: 2, folderId: INBOX, shortUid: '7' };
const beats: WebmailLink = { mailboxEmail: 'beat@huber.example', mailboxIndex: 0, folderId: INBOX, shortUid: '1' };
/** Anna's session: anna (0), lea (1), support (2), team (3). */
const annasSession = [
  box('support@muster.example'),
  box('team@shared.example'),
  box('anna@muster.example', true),
  box('lea@studio.example'),
];

describe('webmailUrlIn', () => {
  it('opens a mailbox the session has at the index the session gives it', () => {
    expect(webmailUrlIn(annasSession, shared)).toBe(`https://mail.infomaniak.com/3;fid=${INBOX}/thread/7`);
    expect(webmailUrlIn(annasSession, { mailboxEmail: 'team@shared.example', mailboxIndex: 2 })).toBe(
      'https://mail.infomaniak.com/3',
    );
  });

  it('opens nothing of a mailbox the session’s account does not have, though its index 0 exists there', () => {
    expect(webmailUrlIn(annasSession, beats)).toBeNull();
  });

  it('without the session’s list (signed out, no answer), keeps the link’s own index', () => {
    expect(webmailUrlIn(null, beats)).toBe(`https://mail.infomaniak.com/0;fid=${INBOX}/thread/1`);
  });
});
