import { describe, expect, it, vi } from 'vitest';
import { alertNotificationsFor, GROUP_ABOVE } from './alert-notifications';
import type { NewMail } from './check-mail';
import { webmailLinkUrl } from './webmail-link';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../tests/support/fake-browser')).testBrowser.browser,
}));

let n = 0;
const mail = (over: Partial<NewMail> = {}): NewMail => {
  n += 1;
  return {
    dedupeKey: `key-${n}`,
    mailboxUuid: 'box-a',
    mailboxEmail: 'anna@example.net',
    mailboxIndex: 0,
    folderId: 'eJzz9HPyjwAABGYBgQ--',
    uid: `${n}@eJzz9HPyjwAABGYBgQ--`,
    shortUid: String(n),
    fromName: `Sender ${n}`,
    fromEmail: `s${n}@example.org`,
    subject: `Subject ${n}`,
    preview: 'First line\n\nsecond   line',
    date: 1_000_000 + n,
    ...over,
  };
};

describe('alert notifications', () => {
  it('one per message: sender as title, subject and preview as text, opening the message in its mailbox', () => {
    const m = mail({ mailboxIndex: 2 });
    const [alert, ...rest] = alertNotificationsFor([m], 5);
    expect(rest).toEqual([]);
    expect(alert).toEqual({
      id: `alerts:box-a/${m.uid}`,
      title: m.fromName,
      message: `${m.subject}\nFirst line second line`,
      target: {
        link: { mailboxEmail: 'anna@example.net', mailboxIndex: 2, folderId: m.folderId, shortUid: m.shortUid },
        messages: [{ mailboxUuid: 'box-a', uid: m.uid }],
        buttons: ['read', 'archive'],
      },
    });
    expect(webmailLinkUrl(alert!.target.link)).toBe(
      `https://mail.infomaniak.com/2;fid=eJzz9HPyjwAABGYBgQ--/thread/${m.shortUid}`,
    );
  });

  it('falls back to the address, then to words, when sender or subject are missing', () => {
    const [byAddress] = alertNotificationsFor([mail({ fromName: ' ', subject: '', preview: '' })], 5);
    expect(byAddress!.title).toMatch(/^s\d+@example\.org$/);
    expect(byAddress!.message).toBe('(no subject)');
    const [unknown] = alertNotificationsFor([mail({ fromName: '', fromEmail: '' })], 5);
    expect(unknown!.title).toBe('Unknown sender');
  });

  it('names the mailbox when the messages come from several', () => {
    const alerts = alertNotificationsFor(
      [mail(), mail({ mailboxUuid: 'box-b', mailboxEmail: 'support@example.net' })],
      5,
    );
    expect(alerts.map((a) => a.contextMessage)).toEqual(['anna@example.net', 'support@example.net']);
  });

  it(`groups more than ${GROUP_ABOVE} messages into one, newest first, with no archive button`, () => {
    const burst = Array.from({ length: 6 }, () => mail());
    const alerts = alertNotificationsFor(burst, 42);
    expect(alerts).toHaveLength(1);
    const [group] = alerts;
    expect(group!.id).toBe('alerts:group/42');
    expect(group!.title).toBe('6 new messages');
    const lines = group!.message.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(`${burst[5]!.fromName}: ${burst[5]!.subject}`);
    expect(lines[4]).toBe('and 2 more');
    expect(group!.target).toEqual({
      link: { mailboxEmail: 'anna@example.net', mailboxIndex: 0, folderId: 'eJzz9HPyjwAABGYBgQ--' },
      messages: burst.map((m) => ({ mailboxUuid: 'box-a', uid: m.uid })),
      buttons: ['read'],
    });
    expect(webmailLinkUrl(group!.target.link)).toBe('https://mail.infomaniak.com/0;fid=eJzz9HPyjwAABGYBgQ--');
  });

  it('a group across mailboxes opens the newest one’s mailbox', () => {
    const burst = [
      mail(),
      mail(),
      mail(),
      mail({ mailboxUuid: 'box-b', mailboxEmail: 'b@example.net', mailboxIndex: 1 }),
    ];
    const { link } = alertNotificationsFor(burst, 1)[0]!.target;
    expect(link).toEqual({ mailboxEmail: 'b@example.net', mailboxIndex: 1 });
    expect(webmailLinkUrl(link)).toBe('https://mail.infomaniak.com/1');
  });
});
