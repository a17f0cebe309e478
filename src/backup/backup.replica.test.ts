import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startReplica, type Replica } from '../../tests/replica/index';
import {
  Session,
  asInMbox,
  everything,
  filesUnder,
  readMboxesWithPython,
  run,
  serverMessages,
  sha256sum,
  tempBackupFolder,
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
