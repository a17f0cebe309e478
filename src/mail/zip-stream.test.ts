import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../tests/support/seeded-random';
import {
  fileSink,
  namesWithUnzip,
  readLocalRecords,
  readWithPython,
  statedCountWithZipinfo,
  testWithUnzip,
} from './testing/zip-oracles';
import { keyHash, ZipStreamWriter, type ZipSink, type ZipStreamEntry, type ZipStreamSource } from './zip-stream';

const folder = mkdtempSync(join(tmpdir(), 'zip-stream-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let archives = 0;

const MODIFIED = new Date(Date.UTC(2026, 2, 1, 10, 20, 30));
const text = (s: string) => new TextEncoder().encode(s);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface Planned {
  entry: ZipStreamEntry;
  bytes: Uint8Array;
  /** How the bytes reach the writer. */
  as: 'bytes' | 'stream' | 'iterable';
  chunkSizes?: number[];
}

function sourceOf(planned: Planned): ZipStreamSource {
  if (planned.as === 'bytes') return planned.bytes;
  const chunks: Uint8Array[] = [];
  const sizes = planned.chunkSizes ?? [planned.bytes.length];
  for (let at = 0, i = 0; at < planned.bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    chunks.push(planned.bytes.slice(at, at + size));
    at += size;
  }
  if (planned.as === 'iterable') {
    return (async function* () {
      for (const chunk of chunks) yield chunk;
    })();
  }
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks.shift();
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
}

async function writeArchive(
  planned: readonly Planned[],
  options: { zip64?: 'auto' | 'always' } = {},
): Promise<{ path: string; totals: { entries: number; bytes: number } }> {
  const path = join(folder, `archive-${++archives}.zip`);
  const sink = await fileSink(path);
  const writer = new ZipStreamWriter(sink, { ...options, timeZone: 'UTC' });
  for (const p of planned) await writer.addFile({ modified: MODIFIED, ...p.entry }, sourceOf(p));
  const totals = await writer.finish();
  await sink.close();
  return { path, totals };
}

/** Python's zipfile, unzip -t and jszip all read back exactly the files that went in, with their folders. */
async function expectReadBack(path: string, files: readonly Planned[], folders: readonly string[]): Promise<void> {
  const python = readWithPython(path, { contents: 'sha256' });
  expect(python.testzip).toBeNull();
  const wanted = [
    ...folders.map((f) => ({ name: `${f}/`, size: 0, sha256: sha256(new Uint8Array(0)), isDir: true })),
    ...files.map((f) => ({ name: f.entry.path, size: f.bytes.length, sha256: sha256(f.bytes), isDir: false })),
  ].sort((a, b) => a.name.localeCompare(b.name));
  const got = python.entries
    .map(({ name, size, sha256, isDir }) => ({ name, size, sha256, isDir }))
    .sort((a, b) => a.name.localeCompare(b.name));
  expect(got).toEqual(wanted);
  for (const entry of python.entries) {
    expect(entry.contentCrc).toBe(entry.crc);
    expect(entry.compressSize).toBe(entry.size);
    expect(entry.dateTime).toEqual([2026, 3, 1, 10, 20, 30]);
  }

  const unzip = testWithUnzip(path);
  expect(unzip.output).toMatch(/No errors detected/);
  expect(unzip.status).toBe(0);
  expect(namesWithUnzip(path).sort()).toEqual(wanted.map((w) => w.name).sort());

  const jszip = await JSZip.loadAsync(readFileSync(path));
  for (const file of files) {
    const entry = jszip.file(file.entry.path);
    expect(entry, file.entry.path).not.toBeNull();
    expect(sha256(await entry!.async('uint8array'))).toBe(sha256(file.bytes));
  }
  expect(Object.keys(jszip.files).sort()).toEqual(wanted.map((w) => w.name).sort());
}

function seeded(length: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

/** The classic end record (last 22 bytes, no comment) and whether a zip64 locator sits right before it. */
function endRecords(path: string): { count: number; directoryOffset: number; zip64Locator: boolean } {
  const bytes = readFileSync(path);
  const end = bytes.length - 22;
  expect(bytes.readUInt32LE(end)).toBe(0x06054b50);
  return {
    count: bytes.readUInt16LE(end + 10),
    directoryOffset: bytes.readUInt32LE(end + 16),
    zip64Locator: end >= 20 && bytes.readUInt32LE(end - 20) === 0x07064b50,
  };
}

describe('ZipStreamWriter', () => {
  it('writes an empty archive that every reader opens, with and without zip64 records', async () => {
    const plain = await writeArchive([]);
    expect(plain.totals).toEqual({ entries: 0, bytes: 22 });
    expect(statSync(plain.path).size).toBe(22);
    expect(readWithPython(plain.path, { contents: 'sha256' })).toEqual({ testzip: null, entries: [] });
    // unzip says so, with status 1 ("warning"), for any empty archive.
    expect(testWithUnzip(plain.path).output).toMatch(/zipfile is empty/);
    expect(Object.keys((await JSZip.loadAsync(readFileSync(plain.path))).files)).toEqual([]);

    const zip64 = await writeArchive([], { zip64: 'always' });
    expect(zip64.totals).toEqual({ entries: 0, bytes: 22 + 56 + 20 });
    expect(endRecords(zip64.path).zip64Locator).toBe(true);
    expect(readWithPython(zip64.path, { contents: 'sha256' })).toEqual({ testzip: null, entries: [] });
    expect(Object.keys((await JSZip.loadAsync(readFileSync(zip64.path))).files)).toEqual([]);
  });

  const hostileButSafe: Planned[] = [
    { entry: { path: 'Müller – Bericht für Q3.eml' }, bytes: text('Subject: Bericht\r\n\r\nHallo\r\n'), as: 'bytes' },
    { entry: { path: '日本語/メール 📎.eml' }, bytes: text('Subject: =?UTF-8?B?5pel?=\r\n\r\n本文\r\n'), as: 'stream' },
    { entry: { path: '日本語/..hidden..eml' }, bytes: text('two dots, not a parent'), as: 'iterable' },
    { entry: { path: 'INBOX/Sent Items/a\'b "c" <d> & e%2e%2e.eml' }, bytes: text('quotes'), as: 'stream' },
    { entry: { path: 'INBOX/\u202egpj.exe' }, bytes: text('right-to-left override'), as: 'bytes' },
    { entry: { path: 'INBOX/-rf *.eml' }, bytes: new Uint8Array(0), as: 'stream' },
    { entry: { path: 'e\u0301t\u00e9.eml' }, bytes: text('decomposed and composed'), as: 'bytes' },
  ];
  const hostileFolders = ['日本語', 'INBOX', 'INBOX/Sent Items'];

  it('keeps unicode and hostile-but-safe names as they are, with folder entries, for every reader', async () => {
    const { path, totals } = await writeArchive(hostileButSafe);
    expect(totals.entries).toBe(hostileButSafe.length + hostileFolders.length);
    expect(totals.bytes).toBe(statSync(path).size);
    await expectReadBack(path, hostileButSafe, hostileFolders);
    const python = readWithPython(path, { contents: 'none' });
    for (const entry of python.entries) {
      // The UTF-8 flag exactly on the names that are not ASCII; the data descriptor flag on streamed bytes only.
      const ascii = /^[\x20-\x7e]*$/.test(entry.name);
      expect(entry.flagBits & 0x0800, entry.name).toBe(ascii ? 0 : 0x0800);
      const planned = hostileButSafe.find((p) => p.entry.path === entry.name);
      expect(entry.flagBits & 0x0008, entry.name).toBe(planned && planned.as !== 'bytes' ? 0x0008 : 0);
      expect(entry.extractVersion).toBe(20);
    }
    expect(endRecords(path).zip64Locator).toBe(false);
  });

  it('reads the same back when every record is zip64', async () => {
    const { path } = await writeArchive(hostileButSafe, { zip64: 'always' });
    await expectReadBack(path, hostileButSafe, hostileFolders);
    for (const entry of readWithPython(path, { contents: 'none' }).entries) expect(entry.extractVersion).toBe(45);
    expect(endRecords(path)).toEqual({ count: 0xffff, directoryOffset: 0xffffffff, zip64Locator: true });
  });

  it('streams an entry from a ReadableStream of odd chunk sizes, and one of announced size', async () => {
    const bytes = seeded(1_000_003, 7);
    const planned: Planned[] = [
      { entry: { path: 'odd.eml' }, bytes, as: 'stream', chunkSizes: [1, 0, 7, 65_535, 65_536, 65_537, 3, 300_001] },
      { entry: { path: 'sized.eml', size: 200_000 }, bytes: seeded(200_000, 9), as: 'stream', chunkSizes: [4096] },
      { entry: { path: 'one-byte-chunks.eml' }, bytes: seeded(5000, 11), as: 'iterable', chunkSizes: [1] },
    ];
    for (const zip64 of ['auto', 'always'] as const) {
      const { path } = await writeArchive(planned, { zip64 });
      await expectReadBack(path, planned, []);
    }
  });

  it('lays out local headers and data descriptors as APPNOTE says, 4 or 8 bytes wide', async () => {
    const planned: Planned[] = [
      { entry: { path: 'streamed.eml' }, bytes: seeded(70_000, 3), as: 'stream', chunkSizes: [10_000] },
      { entry: { path: 'in-hand.eml' }, bytes: seeded(1_000, 5), as: 'bytes' },
    ];
    for (const zip64 of ['auto', 'always'] as const) {
      const { path } = await writeArchive(planned, { zip64 });
      const python = readWithPython(path, { contents: 'none' });
      const [streamed, inHand] = await Promise.all(
        python.entries.map((e) => readLocalRecords(path, e.headerOffset, e.compressSize)),
      );
      const [streamedCrc, inHandCrc] = python.entries.map((e) => e.crc);
      const wide = zip64 === 'always';
      // Bytes that stream: zeros (or zip64 marks and zeros) in the local header, the values after the data.
      expect(streamed).toEqual({
        flags: 0x0008,
        versionNeeded: wide ? 45 : 20,
        crc: 0,
        compressedSize: wide ? 0xffffffff : 0,
        size: wide ? 0xffffffff : 0,
        zip64: wide ? { size: 0, compressedSize: 0 } : null,
        descriptor: expect.objectContaining({ signature: 0x08074b50, crc: streamedCrc }) as unknown,
      });
      if (wide) expect(streamed!.descriptor!.sizes64).toEqual([70_000, 70_000]);
      else expect(streamed!.descriptor!.sizes32).toEqual([70_000, 70_000]);
      // Bytes in hand: everything in the local header, no descriptor.
      expect(inHand).toEqual({
        flags: 0,
        versionNeeded: wide ? 45 : 20,
        crc: inHandCrc,
        compressedSize: wide ? 0xffffffff : 1_000,
        size: wide ? 0xffffffff : 1_000,
        zip64: wide ? { size: 1_000, compressedSize: 1_000 } : null,
        descriptor: null,
      });
    }
  });

  it('refuses unsafe and duplicate paths before writing anything, and stays usable', async () => {
    const path = join(folder, `archive-${++archives}.zip`);
    const sink = await fileSink(path);
    const writer = new ZipStreamWriter(sink, { timeZone: 'UTC' });
    await writer.addFile({ path: 'INBOX/a.eml', modified: MODIFIED }, text('a'));
    for (const bad of ['../x.eml', 'INBOX/../x.eml', '/x.eml', 'a//b.eml', 'C:\\x.eml', 'INBOX/A.EML', 'inbox/b.eml']) {
      await expect(writer.addFile({ path: bad }, text('x')), bad).rejects.toThrow(/unsafe|duplicate/);
    }
    await expect(writer.addFile({ path: 'b.eml', size: 5 }, text('four'))).rejects.toThrow(/announced/);
    await writer.addFile({ path: 'INBOX/b.eml', modified: MODIFIED }, text('b'));
    await writer.finish();
    await sink.close();
    const files: Planned[] = [
      { entry: { path: 'INBOX/a.eml' }, bytes: text('a'), as: 'bytes' },
      { entry: { path: 'INBOX/b.eml' }, bytes: text('b'), as: 'bytes' },
    ];
    await expectReadBack(path, files, ['INBOX']);
  });

  it('tells paths that share a hash apart by the names in the directory', async () => {
    const byHash = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const name = `m${i}.eml`;
      const other = byHash.get(keyHash(name));
      if (other) pair = [other, name];
      byHash.set(keyHash(name), name);
    }
    const [first, second] = pair;
    const path = join(folder, `archive-${++archives}.zip`);
    const sink = await fileSink(path);
    const writer = new ZipStreamWriter(sink, { timeZone: 'UTC' });
    // Fillers first, so that the first name (from byte 46 of its directory record) straddles two 64 KiB blocks.
    const fillers: Planned[] = [];
    const firstRecordAt = 65_536 - 49;
    for (let left = firstRecordAt; left > 0;) {
      const nameLength = left - 46 > 300 ? 200 : left - 46;
      const name = `${fillers.length}-`.padEnd(nameLength, 'x');
      fillers.push({ entry: { path: name }, bytes: text(name), as: 'bytes' });
      left -= 46 + nameLength;
    }
    expect(fillers.reduce((sum, filler) => sum + 46 + filler.entry.path.length, 0)).toBe(firstRecordAt);
    for (const filler of fillers) await writer.addFile({ ...filler.entry, modified: MODIFIED }, filler.bytes);
    await writer.addFile({ path: first, modified: MODIFIED }, text(first));
    await writer.addFile({ path: second, modified: MODIFIED }, text(second));
    await expect(writer.addFile({ path: second.toUpperCase() }, text('again'))).rejects.toThrow(/duplicate/);
    await expect(writer.addFile({ path: first.toUpperCase() }, text('again'))).rejects.toThrow(/duplicate/);
    await writer.finish();
    await sink.close();
    const files: Planned[] = [
      ...fillers,
      ...[first, second].map((p): Planned => ({ entry: { path: p }, bytes: text(p), as: 'bytes' })),
    ];
    await expectReadBack(path, files, []);
  });

  it('fails the archive, never finishing it quietly, when a source breaks or lies about its length', async () => {
    const sink: ZipSink = { write: () => Promise.resolve() };
    const broken = new ZipStreamWriter(sink);
    const failing = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(text('half a message'));
        controller.error(new Error('network lost'));
      },
    });
    await expect(broken.addFile({ path: 'a.eml' }, failing)).rejects.toThrow('network lost');
    await expect(broken.addFile({ path: 'b.eml' }, text('b'))).rejects.toThrow(/incomplete/);
    await expect(broken.finish()).rejects.toThrow(/incomplete/);

    for (const size of [3, 100]) {
      const writer = new ZipStreamWriter(sink);
      await expect(
        writer.addFile(
          { path: 'a.eml', size },
          sourceOf({ entry: { path: 'a.eml' }, bytes: text('12345'), as: 'stream' }),
        ),
      ).rejects.toThrow(/announced/);
      await expect(writer.finish()).rejects.toThrow(/incomplete/);
    }

    // A stream longer than announced is cancelled, so that the file or download behind it is let go.
    let cancelled = false;
    const longer = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(text('more')),
      cancel: () => {
        cancelled = true;
      },
    });
    await expect(new ZipStreamWriter(sink).addFile({ path: 'a.eml', size: 10 }, longer)).rejects.toThrow(/announced/);
    expect(cancelled).toBe(true);

    const concurrent = new ZipStreamWriter(sink);
    const first = concurrent.addFile(
      { path: 'a.eml' },
      sourceOf({ entry: { path: 'a.eml' }, bytes: text('a'), as: 'stream' }),
    );
    await expect(concurrent.addFile({ path: 'b.eml' }, text('b'))).rejects.toThrow(/one after another/);
    await first;
    await concurrent.finish();
    await expect(concurrent.addFile({ path: 'c.eml' }, text('c'))).rejects.toThrow(/finished/);
  });

  it('writes more than 65,535 entries with a zip64 end record that Python and unzip read', async () => {
    const count = 70_000;
    const planned: Planned[] = Array.from({ length: count }, (_, i) => ({
      entry: { path: `${String(i).padStart(5, '0')}.eml` },
      bytes: text(`Subject: ${i}\r\n\r\n${i}\r\n`),
      as: i % 2 === 0 ? 'bytes' : 'stream',
    }));
    const { path, totals } = await writeArchive(planned);
    expect(totals).toEqual({ entries: count, bytes: statSync(path).size });

    const python = readWithPython(path, { contents: 'sha256' });
    expect(python.testzip).toBeNull();
    expect(python.entries).toHaveLength(count);
    for (const [i, entry] of python.entries.entries()) {
      expect(entry.name).toBe(planned[i]!.entry.path);
      expect(entry.sha256).toBe(sha256(planned[i]!.bytes));
      expect(entry.contentCrc).toBe(entry.crc);
    }
    const unzip = testWithUnzip(path);
    expect(unzip.output).toMatch(/No errors detected/);
    expect(unzip.status).toBe(0);
    const names = namesWithUnzip(path);
    expect(names).toHaveLength(count);
    expect(new Set(names)).toEqual(new Set(planned.map((p) => p.entry.path)));
    // Python and unzip read the directory by its length; the count the end records state is zipinfo's to check.
    expect(statedCountWithZipinfo(path)).toBe(count);
    expect(endRecords(path)).toMatchObject({ count: 0xffff, zip64Locator: true });
  }, 120_000);
});
