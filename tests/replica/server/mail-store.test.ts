import { describe, expect, it } from 'vitest';
import { MailStore } from './mail-store.ts';
import { DEMO, FILLER_COUNT, fixtureCorpus } from './testing/fixture-corpus.ts';

// The store keeps each folder's newest-first order until the folder changes, so that paging a folder of tens of
// thousands of messages never sorts them all per request.

describe('MailStore folder order', () => {
  it('is kept between reads and made anew when a message arrives or leaves', () => {
    const store = new MailStore(fixtureCorpus());
    const mailbox = store.mailboxByEmail(DEMO)!;
    const inbox = mailbox.foldersByPath.get('INBOX/Projects')!;
    const first = store.messagesIn(inbox);
    expect(first.length).toBe(FILLER_COUNT);
    expect(store.messagesIn(inbox)).toBe(first);

    const delivered = store.deliver(mailbox, inbox, new Uint8Array(Buffer.from('Subject: new\r\n\r\nbody\r\n')));
    const afterDelivery = store.messagesIn(inbox);
    expect(afterDelivery).not.toBe(first);
    expect(afterDelivery[0]).toBe(delivered);
    expect(afterDelivery).toHaveLength(first.length + 1);

    store.expunge(delivered);
    const afterExpunge = store.messagesIn(inbox);
    expect(afterExpunge).not.toBe(afterDelivery);
    expect(afterExpunge).toEqual(first);

    store.setFlags(afterExpunge[0]!, { seen: true });
    expect(store.messagesIn(inbox)).toBe(afterExpunge);
  });

  it('orders newest first by arrival, the later uid first on a tie', () => {
    const store = new MailStore(fixtureCorpus());
    const mailbox = store.mailboxByEmail(DEMO)!;
    const inbox = mailbox.foldersByPath.get('INBOX')!;
    const at = new Date('2030-01-01T00:00:00Z');
    const a = store.deliver(mailbox, inbox, new Uint8Array(Buffer.from('Subject: a\r\n\r\n')), at);
    const b = store.deliver(mailbox, inbox, new Uint8Array(Buffer.from('Subject: b\r\n\r\n')), at);
    const ordered = store.messagesIn(inbox);
    expect(ordered.slice(0, 2)).toEqual([b, a]);
    const times = ordered.map((message) => Date.parse(message.internalDate));
    expect(times.every((time, i) => i === 0 || time <= times[i - 1]!)).toBe(true);
  });
});
