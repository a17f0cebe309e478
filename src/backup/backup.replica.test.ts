import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { API_ROUTES } from '../ksuite/routes';
import { joinPath, mboxPath } from './layout';
import { startReplica, type Replica } from '../../tests/replica/index';
import { DiskState } from '../../tests/support/disk-directory-handle';
import type { BackupProgress } from './index';
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
  it('(.eml) removes the empty files a dead tab left beside the messages it fetches again, and nothing else', async () => {
    const selection = await everything(session.client, 'eml');
    expect((await run(session, folder.path, selection).controls.done).complete).toBe(true);
    const someFile = filesUnder(folder.path, '.eml')[0]!;
    const dir = dirname(join(folder.path, someFile));
    // Its message is fetched again into that folder; beside it, what a tab that died after making a file leaves.
    rmSync(join(folder.path, someFile));
    writeFileSync(join(dir, 'left by a dead tab.eml'), '');
    writeFileSync(join(dir, 'notes of mine.eml'), 'Subject: mine\r\n\r\nkept');
    const report = await run(session, folder.path, selection).controls.done;
    expect(report.complete).toBe(true);
    expect(existsSync(join(folder.path, someFile))).toBe(true);
    expect(existsSync(join(dir, 'left by a dead tab.eml'))).toBe(false);
    expect(readFileSync(join(dir, 'notes of mine.eml'), 'utf8')).toContain('kept');
  });

  it('(.eml) resumes after the tab died between a manifest line and its file: no duplicate, no loss, nothing fetched twice', async () => {
    const selection = await everything(session.client, 'eml');
    const first = run(session, folder.path, selection);
    // The tab dies right after the 3rd journal segment reached the disk: that line's file was never closed. (Early:
    // lines written together share a segment, so a fast run of 57 messages may write only a handful.)
    first.state.crashAfterClosing('.jsonl', 3);
    await until(() => first.state.crashed);
    // A dead tab sends nothing more. The stand-in only stops its disk, so its downloads are stopped here too: left
    // running, they went on fetching (each then waiting for the disk for ever) and landed in the next run's log.
    first.controls.cancel();
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
    const first = run(session, folder.path, selection, { parallelism: 1 });
    // Dies right after the first mbox reached the disk, before the lines vouching for its messages.
    first.state.crashAfterClosing('.mbox', 1);
    await until(() => first.state.crashed);
    // A dead tab sends nothing more. The stand-in only stops its disk, so its downloads are stopped here too: left
    // running, they went on fetching (each then waiting for the disk for ever) and landed in the next run's log.
    first.controls.cancel();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // A line is written before its file is closed: only a staged file there whole was safely downloaded.
    const staged = [...manifestOnDisk(folder.path).values()].filter((e) => {
      const path = join(folder.path, e.path as string);
      return e.format === 'staged' && existsSync(path) && statSync(path).size === e.size;
    });
    expect(staged.length).toBeGreaterThan(0);
    // The mbox that reached the disk holds messages no line vouches for. One of them leaves its folder before the
    // next run, so the next run writes less there than the file holds: only a cut-back mbox ends up right.
    const [committed] = filesUnder(folder.path, '.mbox').filter((f) => statSync(join(folder.path, f)).size > 0);
    expect(committed).toBeDefined();
    const leaving = staged.find((e) => joinPath(mboxPath(e.mailbox as string, e.folderPath as string)) === committed)!;
    const folders = await session.client.folders(leaving.mailboxUuid as string);
    const elsewhere = folders.find((f) => f.id !== leaving.folderId && f.role === 'ARCHIVE')!;
    await session.client.moveMessages(
      leaving.mailboxUuid as string,
      [`${leaving.uid as string}@${leaving.folderId as string}`],
      elsewhere.id,
    );

    replica.control.clearRequestLog();
    const second = run(session, folder.path, selection);
    const report = await second.controls.done;
    expect(report.complete).toBe(true);
    // Staged downloads are appended from disk, not fetched again (the moved message is new in its new folder).
    expect(downloadRequests(replica)).toHaveLength(reference.length - staged.length + 1);
    const read = Object.values(readMboxesWithPython(folder.path))
      .flat()
      .map((b64) => Buffer.from(b64, 'base64').toString('latin1'))
      .sort();
    expect(read).toEqual(reference.map((m) => asInMbox(m.raw).toString('latin1')).sort());
  });

  it('pause starts nothing new until resume, and the backup then completes', async () => {
    const selection = await everything(session.client, 'eml');
    session.sent.length = 0;
    // Paused as the third download is sent. Not from a poll, nor from the progress report's third message done: on a
    // busy machine a download gives its place up once its bytes are in, before its file is written and counted, so
    // all 57 downloads had been sent before the third message was done, and the pause then found nothing to hold.
    const progress: BackupProgress[] = [];
    let pauseAsked = false;
    let downloadsSent = 0;
    const backup = run(session, folder.path, selection, { onProgress: (report) => progress.push(report) });
    session.onRequest = (path) => {
      if (pauseAsked || !path.endsWith('/download') || ++downloadsSent < 3) return;
      pauseAsked = true;
      queueMicrotask(() => backup.controls.pause());
    };
    onTestFinished(() => {
      session.onRequest = null;
    });
    await until(() => pauseAsked && progress.at(-1)?.state !== 'running');
    const sentDownloads = () => session.sent.filter((s) => s.path.endsWith('/download')).length;
    expect(progress.at(-1)!.state).toBe('paused');
    // Downloads already on their way (a file being made, a request being sent) may finish; then none is sent.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = sentDownloads();
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(sentDownloads()).toBe(before);
    expect(before).toBeLessThan(reference.length);
    backup.controls.resume();
    const report = await backup.controls.done;
    expect(report.complete).toBe(true);
    expect(downloadRequests(replica)).toHaveLength(reference.length);
  });

  it('cancel keeps what is done; the next run fetches only the rest', async () => {
    const selection = await everything(session.client, 'eml');
    // Cancelled from the progress report as the fifth message is done (a poll could come after the last one).
    const progress: BackupProgress[] = [];
    let cancelAsked = false;
    const first = run(session, folder.path, selection, {
      parallelism: 1,
      onProgress: (report) => {
        progress.push(report);
        if (cancelAsked || report.messagesDone < 5) return;
        cancelAsked = true;
        queueMicrotask(() => first.controls.cancel());
      },
    });
    const partial = await first.controls.done;
    expect(progress.at(-1)!.state).toBe('cancelled');
    expect(partial.complete).toBe(false);
    // Only whole messages stay: a download stopped by the cancel leaves no (empty) file.
    const keptFiles = filesUnder(folder.path, '.eml');
    const kept = keptFiles.length;
    expect(kept).toBeGreaterThanOrEqual(5);
    expect(keptFiles.filter((f) => statSync(join(folder.path, f)).size === 0)).toEqual([]);

    replica.control.clearRequestLog();
    const report = await run(session, folder.path, selection).controls.done;
    expect(report.complete).toBe(true);
    expect(downloadRequests(replica)).toHaveLength(reference.length - kept);
  });
});

describe('a destination that refuses writes', () => {
  it('stops the run as failed (done rejects with the error), keeps what is done, and the next run completes it', async () => {
    const selection = await everything(session.client, 'eml');
    const state = new DiskState();
    state.refuseWritesAfter = 20;
    const { controls, progress } = run(session, folder.path, selection, { state });
    // `done` rejects with the browser's own error, for the page to name it; progress says it in a sentence.
    await expect(controls.done).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(progress.at(-1)).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/^The backup folder cannot be written to \(QuotaExceededError\)\./),
    });
    const kept = filesUnder(folder.path, '.eml').filter((f) => statSync(join(folder.path, f)).size > 0).length;
    expect(kept).toBeGreaterThan(0);
    replica.control.clearRequestLog();
    expect((await run(session, folder.path, selection).controls.done).complete).toBe(true);
    expect(downloadRequests(replica).length).toBeLessThanOrEqual(reference.length - kept + 4);
  });
});

describe('resuming an mbox backup', () => {
  it('cuts an mbox back to its last vouched message even where nothing more is appended to it', async () => {
    const selection = await everything(session.client, 'mbox');
    expect((await run(session, folder.path, selection).controls.done).complete).toBe(true);
    // What a tab that died between an mbox's commit and its manifest lines leaves: bytes past the vouched end. Here
    // in a folder whose messages are all vouched, so the next run appends nothing there (as when the unvouched
    // messages moved to another folder meanwhile, which once doubled one in CI).
    const [mbox] = filesUnder(folder.path, '.mbox').filter((f) => statSync(join(folder.path, f)).size > 0);
    const path = join(folder.path, mbox!);
    const vouched = readFileSync(path);
    const stray = 'From stray@example.net Sat Nov 07 10:00:00 2026\nSubject: committed, never vouched\n\nstray\n\n';
    writeFileSync(path, Buffer.concat([vouched, Buffer.from(stray, 'latin1')]));

    const report = await run(session, folder.path, selection).controls.done;
    expect(report.complete).toBe(true);
    expect(readFileSync(path).equals(vouched)).toBe(true);
    const read = Object.values(readMboxesWithPython(folder.path))
      .flat()
      .map((b64) => Buffer.from(b64, 'base64').toString('latin1'))
      .sort();
    expect(read).toEqual(reference.map((m) => asInMbox(m.raw).toString('latin1')).sort());
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
        // Listing what is already backed up costs no details: per mailbox its folder tree, per folder its uid
        // list, one details request per folder with new messages (two here), and the four downloads.
        await new Promise((resolve) => setTimeout(resolve, 20));
        const folderCount = selection.mailboxes.reduce((n, m) => n + m.folderIds.length, 0);
        expect(replica.control.requestLog().length, format).toBe(selection.mailboxes.length + folderCount + 2 + 4);
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

describe('faults in the middle of a backup', () => {
  const allThere = async (path: string) => {
    const files = filesUnder(path, '.eml');
    expect([...sha256sum(files, path).values()].sort()).toEqual(reference.map((m) => sha(m.raw)).sort());
  };

  it('a 429 holds every new download for its Retry-After, then the backup completes', async () => {
    replica.control.failNext({ count: 1, status: 429, path: '/download', retryAfter: 1 });
    session.sent.length = 0;
    const { controls } = run(session, folder.path, await everything(session.client, 'eml'));
    expect((await controls.done).complete).toBe(true);
    await allThere(folder.path);
    const log = replica.control.requestLog();
    const limited = log.find((e) => e.status === 429)!;
    expect(limited).toBeDefined();
    // Downloads sent after the 429 came back: none within the second the server asked for.
    const downloads = session.sent.filter((s) => s.path.endsWith('/download'));
    const limitedAt = downloads.findIndex((s) => s.path === limited.path);
    const next = downloads.slice(limitedAt + 1);
    const firstAfterWait = next.find((s) => s.at - downloads[limitedAt]!.at >= 1000);
    expect(firstAfterWait).toBeDefined();
    const tooEarly = next.filter((s) => s.at - downloads[limitedAt]!.at > 100 && s.at - downloads[limitedAt]!.at < 950);
    expect(tooEarly).toEqual([]);
  });

  it('rides out 500s and bodies cut short (mid-transfer and "cleanly"), every byte right', async () => {
    replica.control.failNext({ count: 3, status: 500, path: '/download' });
    replica.control.truncateNext({ count: 2, bytes: 200, mode: 'cut', path: '/download' });
    const { controls } = run(session, folder.path, await everything(session.client, 'eml'));
    const report = await controls.done;
    expect(report.complete).toBe(true);
    await allThere(folder.path);
    replica.control.truncateNext({ count: 2, bytes: 200, mode: 'short', path: '/download' });
    const second = tempBackupFolder();
    try {
      expect((await run(session, second.path, await everything(session.client, 'eml')).controls.done).complete).toBe(
        true,
      );
      await allThere(second.path);
    } finally {
      second.remove();
    }
  });

  for (const answer of ['status', 'redirect'] as const) {
    it(`an expired session (${answer === 'status' ? '401' : 'redirect to sign-in'}) waits in needs-sign-in, then resume continues without refetching`, async () => {
      const selection = await everything(session.client, 'eml');
      // Five downloads go through, then the session ends: set before the run, since a fast run could otherwise be
      // over before the test got to end the session.
      replica.control.expireSessionAfter({ requests: 5, answer, path: '/download' });
      const backup = run(session, folder.path, selection);
      await until(() => backup.progress.at(-1)?.state === 'needs-sign-in');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(backup.progress.at(-1)!.failed).toEqual([]);
      session.renew();
      backup.controls.resume();
      const report = await backup.controls.done;
      expect(report.complete).toBe(true);
      expect(report.failed).toEqual([]);
      const answered = replica.control.requestLog().filter((e) => e.path.endsWith('/download') && e.status === 200);
      expect(answered).toHaveLength(reference.length);
      expect(new Set(answered.map((e) => e.path)).size).toBe(reference.length);
      await allThere(folder.path);
    });
  }

  it('a message that fails for good is named in failed and in the report, the backup is not complete, and retry fetches only it', async () => {
    const subject = '=HYPERLINK("http://x")<script>alert(1)</script> & more';
    const delivered = replica.control.deliver({ raw: { from: 'Eve <eve@example.net>', subject, text: 'hostile' } });
    const [mailbox] = await session.client.mailboxes();
    const path = API_ROUTES.rawMessage(mailbox!.uuid, {
      uid: delivered.uid,
      shortUid: String(delivered.shortUid),
      folderId: delivered.folderId,
    });
    replica.control.failNext({ count: 100, status: 500, path });
    const { controls, progress } = run(session, folder.path, await everything(session.client, 'eml'));
    const report = await controls.done;
    expect(report.complete).toBe(false);
    expect(report.failed).toEqual([
      expect.objectContaining({
        subject,
        uid: String(delivered.shortUid),
        reason: 'kSuite Mail answered the download with an error (500) on every attempt.',
      }),
    ]);
    expect(progress.at(-1)!.failed).toHaveLength(1);
    const html = readFileSync(join(folder.path, 'backup-report.html'), 'utf8');
    expect(html).toContain('Not complete: 1 messages');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(report.folders.find((f) => f.folderPath === 'INBOX' && f.mailbox === mailbox!.email)).toMatchObject({
      failed: 1,
    });

    replica.control.reset();
    replica.control.deliver({ raw: { from: 'Eve <eve@example.net>', subject, text: 'hostile' } });
    replica.control.clearRequestLog();
    controls.retryFailed();
    const retried = await controls.done;
    expect(retried.complete).toBe(true);
    expect(downloadRequests(replica)).toEqual([path]);
    // The index, read by Python's csv module: every message once, the formula-like subject made text.
    const rows = JSON.parse(
      execFileSync(
        'python3',
        [
          '-c',
          'import csv,sys,json; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))))',
          join(folder.path, 'index.csv'),
        ],
        { encoding: 'utf8' },
      ),
    ) as string[][];
    expect(rows[0]).toEqual(['date', 'from', 'to', 'subject', 'size', 'sha256', 'path']);
    expect(rows).toHaveLength(reference.length + 2);
    expect(rows.find((r) => r[3]!.includes('HYPERLINK'))![3]).toBe(`'${subject}`);
  });
});
