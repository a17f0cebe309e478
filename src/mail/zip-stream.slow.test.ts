import { mkdtempSync, rmSync, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../tests/support/seeded-random';
import { MailError } from './errors';
import { fileSink, namesWithUnzip, readLocalRecords, readWithPython, testWithUnzip } from './testing/zip-oracles';
import { ZipStreamWriter } from './zip-stream';

/**
 * The archives past 4 GiB: written to a temporary file and read back by Python's zipfile and unzip -t. Its own step
 * of `npm test` (`slow`, vitest.slow.config.ts), since checksumming and writing 4.3 GB and reading it back three
 * times takes a minute or more on two cores.
 */

const folder = mkdtempSync(join(tmpdir(), 'zip-stream-large-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const MiB = 1024 * 1024;
const FOUR_GIB = 4 * 1024 * MiB;
const BIG_SIZE = 4_300_000_007; // past 4 GiB (4,294,967,296), and not a whole number of chunks
const CHUNK = 4 * MiB;

/** Deterministic bytes: one random block, each chunk stamped with its number so that no two chunks are equal. */
function* generated(size: number): Generator<Uint8Array> {
  const random = seededRandom(0x9e3779b9);
  const block = Uint8Array.from({ length: CHUNK }, () => Math.floor(random() * 256));
  const view = new DataView(block.buffer);
  // The writer hands each chunk to the sink and waits for it to be written, so one buffer can be stamped again.
  for (let at = 0, n = 0; at < size; at += CHUNK, n++) {
    view.setUint32(0, n, true);
    view.setUint32(CHUNK - 4, n ^ 0xffffffff, true);
    yield at + CHUNK <= size ? block : block.subarray(0, size - at);
  }
}

/** zlib's CRC-32 and the length of what `generated` yields: the expected values, not from the code under test. */
function expectedOf(size: number): { crc: number; size: number } {
  let crc = 0;
  for (const chunk of generated(size)) crc = zlibCrc32(chunk, crc);
  return { crc, size };
}

describe('ZipStreamWriter past 4 GiB', () => {
  it('writes a 4.3 GB entry and entries beyond 4 GiB that Python and unzip read back, in flat memory', async () => {
    const free = statfsSync(folder).bavail * statfsSync(folder).bsize;
    expect(free, `needs 5 GB free in ${tmpdir()}, has ${(free / 1e9).toFixed(1)} GB`).toBeGreaterThan(5e9);

    const path = join(folder, 'large.zip');
    const file = await fileSink(path);
    const rss = { start: process.memoryUsage().rss, peak: 0 };
    let writes = 0;
    const sink = {
      async write(chunk: Uint8Array): Promise<void> {
        if (++writes % 64 === 0) rss.peak = Math.max(rss.peak, process.memoryUsage().rss);
        await file.write(chunk);
      },
    };
    const started = performance.now();
    const writer = new ZipStreamWriter(sink);
    await writer.addFile({ path: 'INBOX/before.eml' }, new TextEncoder().encode('Subject: before\r\n\r\nfirst\r\n'));
    await writer.addFile(
      { path: 'INBOX/big.mbox', size: BIG_SIZE },
      (async function* () {
        yield* generated(BIG_SIZE);
      })(),
    );
    // After 4 GiB: a file of known length, one streamed of unknown length, and the directory.
    await writer.addFile({ path: 'INBOX/after.eml' }, new TextEncoder().encode('Subject: after\r\n\r\nlast\r\n'));
    await writer.addFile(
      { path: 'Sent/after-streamed.eml' },
      (async function* () {
        yield new TextEncoder().encode('Subject: streamed\r\n\r\n');
        yield new TextEncoder().encode('after 4 GiB\r\n');
      })(),
    );
    const totals = await writer.finish();
    await file.close();
    const seconds = (performance.now() - started) / 1000;
    // The throughput the README quotes.
    process.stdout.write(
      `zip-stream: ${(totals.bytes / 1e9).toFixed(2)} GB in ${seconds.toFixed(1)} s, ` +
        `${(totals.bytes / 1e6 / seconds).toFixed(0)} MB/s stored with CRC-32 to disk; ` +
        `peak RSS growth ${((rss.peak - rss.start) / MiB).toFixed(0)} MiB\n`,
    );
    expect(totals).toEqual({ entries: 6, bytes: statSync(path).size });
    expect(totals.bytes).toBeGreaterThan(FOUR_GIB + 1000);
    expect(rss.peak - rss.start).toBeLessThan(64 * MiB);

    const expected = expectedOf(BIG_SIZE);
    const python = readWithPython(path, { contents: 'crc32' });
    expect(python.testzip).toBeNull();
    const byName = new Map(python.entries.map((entry) => [entry.name, entry]));
    expect([...byName.keys()].sort()).toEqual([
      'INBOX/',
      'INBOX/after.eml',
      'INBOX/before.eml',
      'INBOX/big.mbox',
      'Sent/',
      'Sent/after-streamed.eml',
    ]);
    expect(byName.get('INBOX/big.mbox')).toMatchObject({ size: expected.size, contentCrc: expected.crc });
    expect(byName.get('INBOX/after.eml')!.headerOffset).toBeGreaterThan(FOUR_GIB);
    expect(byName.get('Sent/after-streamed.eml')).toMatchObject({
      size: 'Subject: streamed\r\n\r\nafter 4 GiB\r\n'.length,
      contentCrc: zlibCrc32('Subject: streamed\r\n\r\nafter 4 GiB\r\n'),
    });
    for (const entry of python.entries) expect(entry.contentCrc, entry.name).toBe(entry.crc);
    // Announced at 4 GiB or more, the big entry says zip64 in its local header, so its descriptor is 8 bytes wide.
    const big = byName.get('INBOX/big.mbox')!;
    const local = await readLocalRecords(path, big.headerOffset, big.compressSize);
    expect(local).toMatchObject({ flags: 0x0008, versionNeeded: 45, zip64: { size: 0, compressedSize: 0 } });
    expect(local.descriptor).toMatchObject({ signature: 0x08074b50, crc: expected.crc, sizes64: [BIG_SIZE, BIG_SIZE] });

    const unzip = testWithUnzip(path);
    expect(unzip.output).toMatch(/No errors detected/);
    expect(unzip.status).toBe(0);
    expect(namesWithUnzip(path)).toHaveLength(6);
    rmSync(path);
  }, 600_000);

  it('refuses bytes of unannounced length that pass 4 GiB, which its local header could not describe', async () => {
    // Counted, not kept: a sink that drops the bytes.
    const writer = new ZipStreamWriter({ write: () => Promise.resolve() });
    let handed = 0;
    const endless = (async function* () {
      for (const chunk of generated(Number.MAX_SAFE_INTEGER)) {
        handed += chunk.length;
        yield chunk;
      }
    })();
    const failure = await writer.addFile({ path: 'huge.eml' }, endless).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MailError);
    expect((failure as MailError).code).toBe('too_large');
    expect(handed).toBe(FOUR_GIB);
    await expect(writer.finish()).rejects.toThrow(/incomplete/);
  }, 300_000);
});
