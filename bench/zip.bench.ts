/**
 * zip.10x2.5MB_vs_crc32copy: how long buildZip takes for a typical "all attachments" download, compared with the
 * least any zip writer must do with the same bytes: compute their CRC-32 and copy them once. Goal: ratio <= 2.
 *
 * The mix is what mail carries: mostly already-compressed files (photos, PDFs, stand-ins of random bytes, which the
 * writer must store) and some text (CSV exports, logs), which it must deflate.
 */
import { crc32 } from '../src/mail/crc32';
import { buildZip, type ZipEntryInput } from '../src/mail/zip';
import { buildCorpus } from '../tests/replica/corpus/index';
import { createPrng, randomBytes } from '../tests/replica/corpus/prng';
import { listAttachments } from '../src/mail/attachments';
import { zipEntriesForAttachments } from '../src/mail/zip-layout';
import type { BenchResult } from './types';

const FILE_BYTES = 2.5 * 1024 * 1024;
const WARM_UP_ROUNDS = 2;
const MEASURED_ROUNDS = 11;

const WORDS = [
  'Rechnung',
  'invoice',
  'Betrag',
  'CHF',
  'total',
  'Kunde',
  'order',
  'Lieferung',
  'date',
  'status',
  'ok',
  'offen',
];

/** CSV-like text: words, dates and amounts, so deflate has realistic (not trivial) work. */
function csvText(length: number, seed: number): Uint8Array {
  const next = createPrng(seed);
  const encoder = new TextEncoder();
  const out = new Uint8Array(length);
  let used = 0;
  while (used < length) {
    const line = `${2020 + (next() % 7)}-${String(1 + (next() % 12)).padStart(2, '0')}-${String(1 + (next() % 28)).padStart(2, '0')};${
      WORDS[next() % WORDS.length]
    };${WORDS[next() % WORDS.length]};${(next() % 1_000_000) / 100};${next() % 10_000}\r\n`;
    const bytes = encoder.encode(line);
    out.set(bytes.subarray(0, length - used), used);
    used += bytes.length;
  }
  return out;
}

function entries(): FileEntry[] {
  const compressed = ['IMG_2041.jpg', 'IMG_2042.jpg', 'IMG_2043.jpg', 'Offerte.pdf', 'Plan.pdf', 'Vertrag.pdf'];
  const text = ['export.csv', 'buchungen.csv', 'server.log', 'report.txt'];
  return [
    ...compressed.map((path, i) => ({ path, data: randomBytes(100 + i, FILE_BYTES) })),
    ...text.map((path, i) => ({ path, data: csvText(FILE_BYTES, 200 + i), mimeType: 'text/plain' })),
  ];
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(run: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/**
 * Median time of buildZip over the files against the median time of CRC-32 plus one copy of the same bytes. The two
 * are measured in alternation, so that a slow spell of the machine (another process, a GC) weighs on both alike.
 */
/** Files whose bytes are here, as the browser's zip gets them (not the server archive's precompressed ones). */
type FileEntry = ZipEntryInput & { data: Uint8Array };

async function compare(name: string, files: readonly FileEntry[]): Promise<BenchResult> {
  const date = new Date('2026-11-04T15:02:11Z');
  let sink = 0;
  const floor = (): void => {
    for (const file of files) {
      sink ^= crc32(file.data);
      sink ^= file.data.slice().length;
    }
  };
  const zip = async (): Promise<void> => {
    sink ^= (await buildZip(files, { date })).size;
  };
  for (let i = 0; i < WARM_UP_ROUNDS; i++) {
    floor();
    await zip();
  }
  const baselineTimes: number[] = [];
  const valueTimes: number[] = [];
  for (let i = 0; i < MEASURED_ROUNDS; i++) {
    baselineTimes.push(await timed(floor));
    valueTimes.push(await timed(zip));
  }
  if (sink === 0.5) console.log('unreachable; keeps the work from being optimised away');
  const baseline = median(baselineTimes);
  const value = median(valueTimes);
  return { name, value, unit: 'ms', baseline, ratio: value / baseline };
}

/** The attachments of the replica corpus's 10 × 2.5 MB message, exactly as "Attachments (.zip)" zips them. */
async function corpusMessageEntries(): Promise<FileEntry[]> {
  const message = buildCorpus().find((m) => m.id === 'ten-attachments-2-5mb')!;
  return zipEntriesForAttachments(await listAttachments(message.raw)) as FileEntry[];
}

export default async function zipBench(): Promise<BenchResult[]> {
  const files = entries();
  return [
    // The measure: the corpus message with 10 × 2.5 MB attachments (PDFs, photos, office files, 2 texts).
    await compare('zip.10x2.5MB_vs_crc32copy', await corpusMessageEntries()),
    // A text-heavier synthetic mix (4 of 10 files deflated), and its two halves, to show where the time goes.
    await compare('zip.text_heavy.10x2.5MB_vs_crc32copy', files),
    await compare('zip.store.6x2.5MB_vs_crc32copy', files.slice(0, 6)),
    await compare('zip.deflate.4x2.5MB_vs_crc32copy', files.slice(6)),
  ];
}
