import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diskDirectory } from '../../tests/support/disk-directory-handle';
import { tempBackupFolder } from './testing/backup-harness';
import { Manifest, entryKey, type ManifestEntry } from './manifest';

let folder: ReturnType<typeof tempBackupFolder>;
beforeEach(() => (folder = tempBackupFolder()));
afterEach(() => folder.remove());

const root = () => diskDirectory(folder.path).asBrowserHandle();
const entry = (uid: string, extra: Partial<ManifestEntry> = {}): ManifestEntry => ({
  mailbox: 'a@b.example',
  mailboxUuid: 'm1',
  folderId: 'f1',
  folderPath: 'INBOX',
  uid,
  messageId: `<${uid}@x>`,
  date: '2026-01-01T00:00:00Z',
  subject: `S${uid}`,
  from: 'x',
  to: 'y',
  size: 10,
  sha256: 'ab'.repeat(32),
  format: 'eml',
  path: `a@b.example/INBOX/${uid}.eml`,
  ...extra,
});
const journal = () => join(folder.path, '.backup-work', 'journal');

describe('the manifest', () => {
  it('writes a journal segment per commit, reads them back in order, and folds them into manifest.jsonl', async () => {
    const manifest = await Manifest.open(root());
    await Promise.all([manifest.record(entry('1')), manifest.record(entry('2')), manifest.record(entry('3'))]);
    await manifest.record(entry('2', { size: 20 }));
    expect(readdirSync(journal()).length).toBeGreaterThanOrEqual(2);

    const reread = await Manifest.open(root());
    expect(reread.size).toBe(3);
    expect(reread.get(entryKey(entry('2')))!.size).toBe(20);

    await reread.compact();
    expect(readdirSync(journal())).toEqual([]);
    const lines = readFileSync(join(folder.path, 'manifest.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).uid).sort()).toEqual(['1', '2', '3']);
    expect((await Manifest.open(root())).get(entryKey(entry('2')))!.size).toBe(20);
  });

  it('trusts no line it did not write whole: cut lines, wrong shapes and impossible mbox ranges are left out', async () => {
    mkdirSync(journal(), { recursive: true });
    const good = JSON.stringify(entry('1'));
    writeFileSync(
      join(journal(), '00000001.jsonl'),
      [
        good,
        good.slice(0, 40),
        JSON.stringify({ ...entry('2'), size: -1 }),
        JSON.stringify({ ...entry('3'), format: 'zip' }),
        JSON.stringify({ ...entry('4'), format: 'mbox', mboxStart: 10, mboxEnd: 5 }),
        JSON.stringify({ ...entry('5'), format: 'mbox', mboxStart: 0, mboxEnd: 50 }),
      ].join('\n'),
    );
    const manifest = await Manifest.open(root());
    expect([...manifest.entries()].map((e) => e.uid).sort()).toEqual(['1', '5']);
  });

  it('keeps a message as .eml and in an mbox apart; a staged message and its mbox entry are one', () => {
    expect(entryKey(entry('1'))).not.toBe(entryKey(entry('1', { format: 'mbox' })));
    expect(entryKey(entry('1', { format: 'staged' }))).toBe(entryKey(entry('1', { format: 'mbox' })));
  });
});
