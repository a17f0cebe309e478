import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../tests/replica/index';
import { localDayRange } from './date-range';
import { chooseStrategy, listFolderMessages } from './list-messages';
import { listBackupSources } from './list-sources';
import { Session } from './testing/backup-harness';

let replica: Replica;
let session: Session;

beforeAll(async () => {
  replica = await startReplica();
  session = new Session(replica);
});
afterAll(() => replica?.close());
beforeEach(() => {
  replica.control.reset();
  replica.control.clearRequestLog();
});

const unbounded = localDayRange(null, null);

async function inbox() {
  const [mailbox] = await listBackupSources(session.client);
  return { mailbox: mailbox!, inbox: mailbox!.folders.find((f) => f.path === 'INBOX')! };
}

describe('listBackupSources', () => {
  it('lists every mailbox with its folders depth-first, parents first, with the server’s counts', async () => {
    const sources = await listBackupSources(session.client);
    expect(sources.map((m) => m.email)).toEqual((await session.client.mailboxes()).map((m) => m.email));
    const [primary] = sources;
    const paths = primary!.folders.map((f) => f.path);
    for (const folder of primary!.folders.filter((f) => f.depth > 0)) {
      const parent = folder.path.slice(0, folder.path.lastIndexOf('/'));
      expect(paths.indexOf(parent)).toBeLessThan(paths.indexOf(folder.path));
      expect(primary!.folders.find((f) => f.path === parent)!.depth).toBe(folder.depth - 1);
    }
    const tree = await session.client.folders(primary!.uuid);
    expect(primary!.folders.find((f) => f.path === 'INBOX')!.totalCount).toBe(
      tree.find((f) => f.path === 'INBOX')!.total_count,
    );
  });
});

describe('listFolderMessages', () => {
  it('gives the same messages both ways, as many as the thread list counts, with what the backup records', async () => {
    for (let n = 0; n < 450; n++)
      replica.control.deliver({ raw: { from: 'Bulk <b@example.net>', subject: `Bulk ${n}`, text: 'x' } });
    const { mailbox, inbox: folder } = await inbox();
    const threaded = await session.client.threads(mailbox.uuid, folder.id, { limit: 1 });
    const total = threaded.total_messages_count;
    expect(total).toBeGreaterThan(450);

    const settled = () => new Promise((resolve) => setTimeout(resolve, 20)); // the log is written once an answer is sent
    await settled();
    replica.control.clearRequestLog();
    const byUids = await listFolderMessages(session.client, mailbox.uuid, folder, unbounded, { strategy: 'uids' });
    await settled();
    const uidRequests = replica.control.requestLog().length;
    replica.control.clearRequestLog();
    const byPages = await listFolderMessages(session.client, mailbox.uuid, folder, unbounded, { strategy: 'pages' });
    await settled();
    const pageRequests = replica.control.requestLog().length;

    expect(byUids.messages).toHaveLength(total);
    expect(byPages.messages).toHaveLength(total);
    expect(byUids.messages).toEqual(byPages.messages);
    expect(byUids.onServer).toEqual(byPages.onServer);
    // One request per 200 messages either way; the uid list costs one more.
    expect(pageRequests).toBe(Math.ceil(total / 200));
    expect(uidRequests).toBe(1 + Math.ceil(total / 200));
    const bulk = byUids.messages.find((m) => m.subject === 'Bulk 7')!;
    expect(bulk).toMatchObject({ from: 'Bulk <b@example.net>', size: expect.any(Number) });
    expect(bulk.messageId).toMatch(/^<.+@.+>$/);
  });

  it('keeps only the messages of the chosen local days, and still knows every uid on the server', async () => {
    const { mailbox, inbox: folder } = await inbox();
    const all = await listFolderMessages(session.client, mailbox.uuid, folder, unbounded);
    const days = [...new Set(all.messages.map((m) => localDay(m.date)))].sort();
    expect(days.length).toBeGreaterThan(2);
    const from = days[1]!;
    const to = days[days.length - 2]!;
    for (const strategy of ['uids', 'pages'] as const) {
      const some = await listFolderMessages(session.client, mailbox.uuid, folder, localDayRange(from, to), {
        strategy,
      });
      expect(some.messages.map((m) => m.ref.uid)).toEqual(
        all.messages.filter((m) => localDay(m.date) >= from && localDay(m.date) <= to).map((m) => m.ref.uid),
      );
      expect(some.onServer).toEqual(all.onServer);
    }
  });

  it('asks for uids when total_count fits under the apps’ 10,000, pages otherwise or when unknown', () => {
    expect(chooseStrategy(0)).toBe('uids');
    expect(chooseStrategy(10_000)).toBe('uids');
    expect(chooseStrategy(10_001)).toBe('pages');
    expect(chooseStrategy(null)).toBe('pages');
  });
});

function localDay(date: string): string {
  const d = new Date(date);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
