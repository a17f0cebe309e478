/**
 * Run as a child process (`node --import tsx tests/support/listing-footprint.ts '<json>'`): builds a message of
 * blank lines (see blankBodyMessage; the JSON gives `megabytes` and its options), lists its attachments and prints
 * what that cost as JSON: the files found, the time, and how far the resident memory peaked above what it was just
 * before. A process of its own, so that the peak is that of the listing and of nothing else.
 */
import { listAttachments } from '../../src/mail/attachments';
import { blankBodyMessage, type BlankBodyOptions } from './hostile-messages';

export interface ListingFootprint {
  files: string[];
  milliseconds: number;
  messageBytes: number;
  /** Peak resident set size during the listing, above the resident set size before it. */
  peakGrowthBytes: number;
}

const { megabytes, ...options } = JSON.parse(process.argv[2] ?? '{}') as BlankBodyOptions & { megabytes: number };
const raw = blankBodyMessage(megabytes, options);
const before = process.memoryUsage().rss;
const started = performance.now();
const files = await listAttachments(raw);
const milliseconds = performance.now() - started;
// maxRSS: the peak of the process so far, in kilobytes; the listing is what raised it past `before`, if anything.
const peakGrowthBytes = Math.max(0, process.resourceUsage().maxRSS * 1024 - before);
const footprint: ListingFootprint = {
  files: files.map((file) => file.fileName),
  milliseconds,
  messageBytes: raw.length,
  peakGrowthBytes,
};
process.stdout.write(JSON.stringify(footprint));
