import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { crc32 } from './crc32';
import { MailError } from './errors';
import { namesWithUnzip } from './testing/zip-oracles';
import { buildZip, type ZipEntryInput, type ZipProgress } from './zip';

async function zipBytes(...args: Parameters<typeof buildZip>): Promise<Uint8Array> {
  const blob = await buildZip(...args);
  expect(blob.type).toBe('application/zip');
  return new Uint8Array(await blob.arrayBuffer());
}

interface RawEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  dosTime: number;
  dosDate: number;
  localFlags: number;
  localMethod: number;
}

/** Reads the central directory and each local header straight from the bytes, independent of jszip. */
function readRawEntries(zip: Uint8Array): RawEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  expect(eocd).toBeGreaterThanOrEqual(0);
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  const entries: RawEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(offset, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const localOffset = view.getUint32(offset + 42, true);
    expect(view.getUint32(localOffset, true)).toBe(0x04034b50);
    entries.push({
      name: new TextDecoder().decode(zip.subarray(offset + 46, offset + 46 + nameLength)),
      flags: view.getUint16(offset + 8, true),
      method: view.getUint16(offset + 10, true),
      dosTime: view.getUint16(offset + 12, true),
      dosDate: view.getUint16(offset + 14, true),
      crc: view.getUint32(offset + 16, true),
      compressedSize: view.getUint32(offset + 20, true),
      size: view.getUint32(offset + 24, true),
      localFlags: view.getUint16(localOffset + 6, true),
      localMethod: view.getUint16(localOffset + 8, true),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function dosFields(entry: RawEntry): number[] {
  return [
    (entry.dosDate >> 9) + 1980,
    (entry.dosDate >> 5) & 0x0f,
    entry.dosDate & 0x1f,
    entry.dosTime >> 11,
    (entry.dosTime >> 5) & 0x3f,
    (entry.dosTime & 0x1f) * 2,
  ];
}

function randomBytes(length: number, seed = 7): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const STORE = 0;
const DEFLATE = 8;
const UTF8_FLAG = 0x0800;

describe('buildZip', () => {
  const photo = randomBytes(40_000);
  const minutes = text('Protokoll der Sitzung vom 4. November.\n'.repeat(500));
  const entries: (ZipEntryInput & { data: Uint8Array })[] = [
    { path: 'photo.jpg', data: photo, mimeType: 'image/jpeg' },
    { path: 'Protokoll.txt', data: minutes, mimeType: 'text/plain' },
    { path: 'Übersicht März.csv', data: text(`Monat;Betrag\n${'März;1200\n'.repeat(50)}`), mimeType: 'text/csv' },
    { path: 'Fwd_ Bon à tirer/freigabe.txt', data: text('Druckfreigabe erteilt.\n'), mimeType: 'text/plain' },
    { path: 'unknown.bin', data: randomBytes(20_000, 3), mimeType: 'application/octet-stream' },
    { path: 'empty.txt', data: new Uint8Array(0), mimeType: 'text/plain' },
  ];

  it('round-trips names and bytes through jszip', async () => {
    const zip = await zipBytes(entries, { date: new Date('2026-11-04T15:02:11Z') });
    const reopened = await JSZip.loadAsync(zip, { checkCRC32: true });
    const files = Object.values(reopened.files).filter((file) => !file.dir);
    expect(files.map((file) => file.name).sort()).toEqual(entries.map((entry) => entry.path).sort());
    for (const entry of entries) {
      expect(await reopened.file(entry.path)!.async('uint8array'), entry.path).toEqual(entry.data);
    }
  });

  it('stores compressed formats and deflates the rest, as the local headers say', async () => {
    const raw = readRawEntries(await zipBytes(entries));
    const method = (name: string): number | undefined => raw.find((entry) => entry.name === name)?.localMethod;
    expect(method('photo.jpg')).toBe(STORE);
    expect(method('unknown.bin')).toBe(STORE); // random bytes: sampled as incompressible
    expect(method('empty.txt')).toBe(STORE);
    expect(method('Protokoll.txt')).toBe(DEFLATE);
    expect(method('Übersicht März.csv')).toBe(DEFLATE);
    for (const entry of raw) expect(entry.method, entry.name).toBe(entry.localMethod);
    expect(raw.find((entry) => entry.name === 'Protokoll.txt')!.compressedSize).toBeLessThan(minutes.length / 10);
  });

  it('stores text that deflate would not make smaller', async () => {
    const raw = readRawEntries(await zipBytes([{ path: 'tiny.csv', data: text('a;b\n1;2\n'), mimeType: 'text/csv' }]));
    expect(raw[0]!.method).toBe(STORE);
    expect(raw[0]!.compressedSize).toBe(8);
  });

  it('honours an explicit compression per entry', async () => {
    const raw = readRawEntries(await zipBytes([{ path: 'a.txt', data: minutes, compression: 'STORE' }]));
    expect(raw[0]!.method).toBe(STORE);
  });

  it('flags UTF-8 names (general purpose bit 11) and leaves ASCII names unflagged', async () => {
    const raw = readRawEntries(await zipBytes(entries));
    const flagged = (name: string): boolean => (raw.find((entry) => entry.name === name)!.localFlags & UTF8_FLAG) !== 0;
    expect(flagged('Übersicht März.csv')).toBe(true);
    expect(flagged('Fwd_ Bon à tirer/freigabe.txt')).toBe(true);
    expect(flagged('photo.jpg')).toBe(false);
    for (const entry of raw) expect(entry.flags & UTF8_FLAG).toBe(entry.localFlags & UTF8_FLAG);
  });

  it('writes CRC-32 values that an independent implementation agrees with', async () => {
    const raw = readRawEntries(await zipBytes(entries));
    for (const entry of entries) {
      expect(raw.find((r) => r.name === entry.path)!.crc, entry.path).toBe(crc32(entry.data));
    }
  });

  it('creates folder entries for nested paths', async () => {
    const raw = readRawEntries(await zipBytes(entries));
    expect(raw.map((entry) => entry.name)).toContain('Fwd_ Bon à tirer/');
    const deep = readRawEntries(await zipBytes([{ path: 'a/b/c.txt', data: text('x') }]));
    expect(deep.map((entry) => entry.name).sort()).toEqual(['a/', 'a/b/', 'a/b/c.txt']);
  });

  it('dates every entry with the wall-clock time of the message in the given zone', async () => {
    const date = new Date('2026-11-04T15:02:11Z');
    const zurich = readRawEntries(await zipBytes(entries, { date, timeZone: 'Europe/Zurich' }));
    for (const entry of zurich) expect(dosFields(entry), entry.name).toEqual([2026, 11, 4, 16, 2, 10]);
    const utc = readRawEntries(await zipBytes(entries, { date, timeZone: 'UTC' }));
    for (const entry of utc) expect(dosFields(entry), entry.name).toEqual([2026, 11, 4, 15, 2, 10]);
  });

  it('uses the runtime zone by default and lets an entry carry its own date', async () => {
    const date = new Date('2026-07-01T10:20:30Z');
    const own = new Date('2025-01-02T03:04:06Z');
    const raw = readRawEntries(
      await zipBytes(
        [
          { path: 'a.txt', data: text('a') },
          { path: 'b.txt', data: text('b'), date: own },
        ],
        { date },
      ),
    );
    const local = (d: Date): number[] => [
      d.getFullYear(),
      d.getMonth() + 1,
      d.getDate(),
      d.getHours(),
      d.getMinutes(),
      d.getSeconds(),
    ];
    expect(dosFields(raw.find((e) => e.name === 'a.txt')!)).toEqual(local(date));
    expect(dosFields(raw.find((e) => e.name === 'b.txt')!)).toEqual(local(own));
  });

  it('clamps dates a zip cannot express', async () => {
    const raw = readRawEntries(
      await zipBytes([{ path: 'old.txt', data: text('x') }], {
        date: new Date('1970-01-01T00:00:00Z'),
        timeZone: 'UTC',
      }),
    );
    expect(dosFields(raw[0]!)).toEqual([1980, 1, 1, 0, 0, 0]);
  });

  it('refuses duplicate paths, also when they differ only in case', async () => {
    await expect(
      buildZip([
        { path: 'a.txt', data: text('1') },
        { path: 'A.TXT', data: text('2') },
      ]),
    ).rejects.toThrow(/duplicate/);
    await expect(
      buildZip([
        { path: 'x', data: text('1') },
        { path: 'x/y.txt', data: text('2') },
      ]),
    ).rejects.toThrow(/duplicate/);
  });

  it('refuses paths that could escape the extraction folder', async () => {
    for (const path of ['../evil.txt', 'a/../../evil.txt', '/abs.txt', 'a//b.txt', 'a\\b.txt', './a.txt', 'a/', '']) {
      await expect(buildZip([{ path, data: text('x') }]), path).rejects.toThrow(/unsafe/);
    }
  });

  it('reports progress in bytes that only moves forward and ends complete', async () => {
    const big = [
      { path: 'a.txt', data: text('alpha '.repeat(60_000)) },
      { path: 'b.jpg', data: randomBytes(300_000), mimeType: 'image/jpeg' },
      { path: 'c.txt', data: text('gamma '.repeat(60_000)) },
    ];
    const total = big.reduce((sum, entry) => sum + entry.data.length, 0);
    const seen: ZipProgress[] = [];
    await zipBytes(big, { onProgress: (progress) => seen.push(progress) });
    expect(seen.length).toBeGreaterThan(3);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
    expect(seen.every((progress) => progress.total === total && progress.done <= total)).toBe(true);
    expect(seen.at(-1)).toEqual({ done: total, total });
  });

  it('cancels promptly when the signal fires mid-way', async () => {
    const big = Array.from({ length: 6 }, (_, i) => ({
      path: `part-${i}.txt`,
      data: text(`chunk ${i} `.repeat(200_000)),
    }));
    const controller = new AbortController();
    let progressCalls = 0;
    let callsAfterAbort = 0;
    const started = performance.now();
    const result = buildZip(big, {
      signal: controller.signal,
      onProgress: ({ done, total }) => {
        progressCalls++;
        if (controller.signal.aborted) callsAfterAbort++;
        if (done > total / 4) controller.abort();
      },
    });
    const error: unknown = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).code).toBe('cancelled');
    expect(progressCalls).toBeGreaterThan(0);
    expect(callsAfterAbort).toBe(0);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('rejects at once when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(buildZip(entries, { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('gives unzip the UTF-8 names as they are, to list and to extract, with ordinary permissions', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'zip-unzip-'));
    try {
      const names = ['Müller – Bericht.pdf', '日本語/メール 📎.txt'];
      const path = join(folder, 'names.zip');
      writeFileSync(path, await zipBytes(names.map((name) => ({ path: name, data: text(name) }))));
      expect(namesWithUnzip(path).sort()).toEqual(['Müller – Bericht.pdf', '日本語/', '日本語/メール 📎.txt']);
      const into = join(folder, 'out');
      const child = spawnSync('unzip', ['-q', path, '-d', into], { encoding: 'utf8' });
      expect(child.status, child.stderr).toBe(0);
      for (const name of names) {
        expect(readFileSync(join(into, name), 'utf8')).toBe(name);
        expect(statSync(join(into, name)).mode & 0o777).toBe(0o644);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('builds an empty archive', async () => {
    const reopened = await JSZip.loadAsync(await zipBytes([]));
    expect(Object.keys(reopened.files)).toEqual([]);
  });

  describe('4,000 small files of one date (issue 13.3: a message of 4,000 attachments)', () => {
    afterEach(() => {
      vi.restoreAllMocks();
      vi.unstubAllGlobals();
    });
    const date = new Date('2026-11-05T09:00:00+01:00');
    const entries = Array.from({ length: 4000 }, (_, i) => ({
      path: `a (${i + 1}).pdf`,
      data: text(`%PDF-1.4 page ${i + 1}`),
      date,
    }));

    it('reads the wall clock of that date once, not once per file', async () => {
      const formatToParts = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
      const zip = await zipBytes(entries, { date, timeZone: 'Europe/Zurich' });
      expect(formatToParts).toHaveBeenCalledTimes(1);
      // Every entry still carries the date: 09:00 in Zurich.
      const raw = readRawEntries(zip);
      expect(raw).toHaveLength(4000);
      expect(new Set(raw.map((entry) => entry.dosTime))).toEqual(new Set([9 << 11]));
    });

    it('makes its Blob of a few pieces, not two per file', async () => {
      const pieces: number[] = [];
      vi.stubGlobal(
        'Blob',
        class CountedBlob extends Blob {
          constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
            super(parts, options);
            pieces.push(parts?.length ?? 0);
          }
        },
      );
      const zip = await zipBytes(entries, { date });
      expect(pieces.at(-1)).toBeLessThan(10);
      const reopened = await JSZip.loadAsync(zip);
      expect(await reopened.file('a (4000).pdf')!.async('string')).toBe('%PDF-1.4 page 4000');
    });
  });
});
