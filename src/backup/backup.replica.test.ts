import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startReplica, type Replica } from '../../tests/replica/index';
import {
  Session,
  asInMbox,
  downloadRequests,
  everything,
  filesUnder,
  manifestOnDisk,
  readMboxesWithPython,
  run,
  serverMessages,
  sha256sum,
  tempBackupFolder,
  until,
  type ServerMessage,
} from './testing/backup-harness';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../tests/support/fake-browser')).testBrowser.browser,
}));

let replica: Replica;
let session: Session;
let folder: ReturnType<typeof tempBackupFolder>;
let reference: ServerMessage[];

beforeAll(async () => {
  replica = await startReplica();
  session = new Session(replica);
  reference = await serverMessages(session.client);
});
afterAll(() => replica?.close());
beforeEach(() => {
  replica.control.reset();
  session.renew();
  replica.control.clearRequestLog();
  folder = tempBackupFolder();
});
afterEach(() => folder.remove());

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('a full backup of the demo mailboxes', () => {
  it('as .eml files: one file per message, byte for byte the raw download, as sha256sum and the manifest say', async () => {
    const { controls } = run(session, folder.path, await everything(session.client, 'eml'));
    const report = await controls.done;
    expect(report.complete).toBe(true);
    expect(report.failed).toEqual([]);
    const files = filesUnder(folder.path, '.eml');
    expect(files).toHaveLength(reference.length);
    const sums = sha256sum(files, folder.path);
    expect([...sums.values()].sort()).toEqual(reference.map((m) => sha(m.raw)).sort());
    // Each message in its mailbox's folder.
    for (const message of reference) {
      const expected = sha(message.raw);
      const file = files.find((f) => sums.get(f) === expected && f.startsWith(`${message.mailbox}/`));
      expect(file, message.subject).toBeDefined();
    }
    expect(report.folders.reduce((n, f) => n + f.inBackup, 0)).toBe(reference.length);
  });

  it('as one mbox per folder: Python reads back every message, bytes equal to the server’s after un-quoting', async () => {
    const { controls } = run(session, folder.path, await everything(session.client, 'mbox'));
    const report = await controls.done;
    expect(report.complete).toBe(true);
    const boxes = readMboxesWithPython(folder.path);
    const read = Object.values(boxes)
      .flat()
      .map((b64) => Buffer.from(b64, 'base64').toString('latin1'))
      .sort();
    const expected = reference.map((m) => asInMbox(m.raw).toString('latin1')).sort();
    expect(read.length).toBe(expected.length);
    expect(read).toEqual(expected);
    expect(readFileSync(join(folder.path, 'manifest.jsonl'), 'utf8')).not.toBe('');
  });
});

describe('a backup stopped midway', () => {
  it('(.eml) resumes after the tab died between a manifest line and its file: no duplicate, no loss, nothing fetched twice', async () => {
    const selection = await everything(session.client, 'eml');
    const first = run(session, folder.path, selection);
    // The tab dies right after the 9th journal segment reached the disk: that line's file was never closed.
    first.state.crashAfterClosing('.jsonl', 9);
    await until(() => first.state.crashed);
    await new Promise((resolve) => setTimeout(resolve, 100)); // answers already on their way land in the log
    const lines = manifestOnDisk(folder.path);
    // A file handle made with create: true is an empty file at once; only the whole file counts.
    const vouched = [...lines.values()].filter((e) => {
      const path = join(folder.path, e.path as string);
      return existsSync(path) && statSync(path).size === e.size;
    });
    expect(lines.size).toBeGreaterThan(0);
    expect(vouched.length).toBeLessThan(reference.length);
    const leftovers = filesUnder(folder.path, '.eml');

    replica.control.clearRequestLog();
    const second = run(session, folder.path, selection);
    const report = await second.controls.done;
    expect(report.complete).toBe(true);
    // Every message whose line and file both reached the disk is not downloaded again; every other one once.
    const fetchedAgain = downloadRequests(replica);
    expect(fetchedAgain).toHaveLength(reference.length - vouched.length);
    expect(new Set(fetchedAgain).size).toBe(fetchedAgain.length);
    expect(report.fetched).toBe(reference.length - vouched.length);
    expect(second.progress.at(-1)!.alreadyThere).toBe(vouched.length);
    // On disk: exactly the server's messages, once each.
    const files = filesUnder(folder.path, '.eml');
    expect(files).toHaveLength(reference.length);
    expect([...sha256sum(files, folder.path).values()].sort()).toEqual(reference.map((m) => sha(m.raw)).sort());
    expect(leftovers.every((f) => files.includes(f))).toBe(true);
  });

  it('(mbox) resumes after the tab died between an mbox commit and its manifest lines: the mbox is cut back, nothing lost or doubled', async () => {
    const selection = await everything(session.client, 'mbox');
    const first = run(session, folder.path, selection, { parallelism: 2 });
    // Dies right after the first mbox reached the disk, before the lines vouching for its messages.
    first.state.crashAfterClosing('.mbox', 1);
    await until(() => first.state.crashed);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const staged = [...manifestOnDisk(folder.path).values()].filter((e) => e.format === 'staged');
    expect(staged.length).toBeGreaterThan(0);

    replica.control.clearRequestLog();
    const second = run(session, folder.path, selection);
    const report = await second.controls.done;
    expect(report.complete).toBe(true);
    // Staged downloads are appended from disk, not fetched again.
    expect(downloadRequests(replica)).toHaveLength(reference.length - staged.length);
    const read = Object.values(readMboxesWithPython(folder.path))
      .flat()
      .map((b64) => Buffer.from(b64, 'base64').toString('latin1'))
      .sort();
    expect(read).toEqual(reference.map((m) => asInMbox(m.raw).toString('latin1')).sort());
  });

  it('cancel keeps what is done; the next run fetches only the rest', async () => {
    const selection = await everything(session.client, 'eml');
    const first = run(session, folder.path, selection, { parallelism: 1 });
    await until(() => (first.progress.at(-1)?.messagesDone ?? 0) >= 5);
    first.controls.cancel();
    const partial = await first.controls.done;
    expect(first.progress.at(-1)!.state).toBe('cancelled');
    expect(partial.complete).toBe(false);
    const kept = filesUnder(folder.path, '.eml').length;
    expect(kept).toBeGreaterThanOrEqual(5);

    replica.control.clearRequestLog();
    const report = await run(session, folder.path, selection).controls.done;
    expect(report.complete).toBe(true);
    expect(downloadRequests(replica)).toHaveLength(reference.length - kept);
  });
});

describe('a later backup into the same folder', () => {
  it('fetches only the new messages and lists, without deleting, what left the server', async () => {
    for (const format of ['eml', 'mbox'] as const) {
      replica.control.reset();
      const target = tempBackupFolder();
      try {
        const selection = await everything(session.client, format);
        expect((await run(session, target.path, selection).controls.done).complete).toBe(true);
        const filesBefore = filesUnder(target.path);

        for (let n = 1; n <= 3; n++)
          replica.control.deliver({ raw: { from: 'New <new@example.net>', subject: `New ${n}`, text: `Body ${n}` } });
        const [mailbox] = await session.client.mailboxes();
        const inbox = (await session.client.folders(mailbox!.uuid)).find((f) => f.role === 'INBOX')!;
        const { threads } = await session.client.threads(mailbox!.uuid, inbox.id, { limit: 200 });
        const leaving = threads.flatMap((t) => t.messages).find((m) => !m.subject?.startsWith('New '))!;
        const trash = (await session.client.folders(mailbox!.uuid)).find((f) => f.role === 'ARCHIVE')!;
        await session.client.moveMessages(mailbox!.uuid, [leaving.uid], trash.id);

        replica.control.clearRequestLog();
        const again = run(session, target.path, selection);
        const report = await again.controls.done;
        expect(report.complete, format).toBe(true);
        // Three new in the inbox, and the moved one under its new uid in the archive.
        expect(downloadRequests(replica), format).toHaveLength(4);
        expect(
          report.gone.map((g) => g.subject),
          format,
        ).toEqual([leaving.subject ?? '']);
        // Nothing deleted: every file of the first run is still there.
        const filesAfter = filesUnder(target.path);
        expect(
          filesBefore.every((f) => filesAfter.includes(f)),
          format,
        ).toBe(true);
      } finally {
        target.remove();
      }
    }
  });
});
