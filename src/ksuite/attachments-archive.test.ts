import { describe, expect, it } from 'vitest';
import type { ZipDirectoryEntry } from '../mail/zip-directory';
import { pairArchiveFiles } from './attachments-archive';
import type { Attachment } from './types';

const attachment = (name: string, uuid = name): Attachment =>
  ({ uuid, part_id: uuid, mime_type: 'application/pdf', size: 1, name, disposition: 'attachment' }) as Attachment;
const file = (name: string): ZipDirectoryEntry => ({
  name,
  directory: false,
  method: 0,
  crc: 0,
  compressedSize: 1,
  size: 1,
  localHeaderOffset: 0,
});

describe('pairArchiveFiles', () => {
  it('pairs repeated names with the server’s numbered files in order, and a folder’s file by its own name', () => {
    const wanted = [attachment('a.pdf', '1'), attachment('a.pdf', '2'), attachment('b.pdf', '3')];
    const entries = [file('a (2).pdf'), file('x/b.pdf'), file('a.pdf')];
    const pairs = pairArchiveFiles(wanted, entries)!;
    expect(pairs.map((p) => [p.attachment.uuid, p.entry.name])).toEqual([
      ['1', 'a.pdf'],
      ['2', 'a (2).pdf'],
      ['3', 'x/b.pdf'],
    ]);
  });

  it('refuses an archive with a file too many or one missing', () => {
    expect(pairArchiveFiles([attachment('a.pdf')], [file('a.pdf'), file('b.pdf')])).toBeNull();
    expect(pairArchiveFiles([attachment('a.pdf'), attachment('b.pdf')], [file('a.pdf'), file('c.pdf')])).toBeNull();
  });

  // A hostile message: 3,000 attachments of one name. Comparing every attachment with every file took minutes.
  it('pairs thousands of files of one name in about linear time', () => {
    const count = 3000;
    const wanted = Array.from({ length: count }, (_, i) => attachment('a.pdf', String(i)));
    const entries = Array.from({ length: count }, (_, i) => file(i === 0 ? 'a.pdf' : `a (${i + 1}).pdf`));
    const started = performance.now();
    const pairs = pairArchiveFiles(wanted, entries.reverse())!;
    expect(performance.now() - started).toBeLessThan(3000);
    expect(pairs).toHaveLength(count);
    expect(new Set(pairs.map((p) => p.entry)).size).toBe(count);
  });
});
