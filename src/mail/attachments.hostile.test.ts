/**
 * Issue 13.2: the work of listing a message's files follows its size, not the number of lines or parts it packs
 * into that size. Before, a body of megabytes of blank lines was one parser step per line (one await each, 8 million
 * for 16 MB) and its text decoding took some 20 times its size in memory; a part cost a Blob, built and read back.
 *
 * What is measured: the files found (the PDF must still be there), the parser's steps (postal-mime's processLine,
 * counted through its prototype: our hooks leave that method alone), time against generous bounds (two slow cores),
 * and the peak memory of a child process that does nothing but the listing, against the goal of the issue: at most
 * four times the message plus 64 MB.
 */
import { spawnSync } from 'node:child_process';
import PostalMime from 'postal-mime';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listAttachments } from './attachments';
import {
  blankBodyMessage,
  emptyPartsMessage,
  nestedEmptyPartsMessage,
  type BlankBodyOptions,
} from '../../tests/support/hostile-messages';
import type { ListingFootprint } from '../../tests/support/listing-footprint';

const MB = 1024 * 1024;

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** listAttachments on `raw`, with the parser's steps counted and the time taken. */
async function listCounted(raw: Uint8Array) {
  const processLine = vi.spyOn(PostalMime.prototype as unknown as { processLine(): Promise<void> }, 'processLine');
  const started = performance.now();
  const files = await listAttachments(raw);
  const milliseconds = performance.now() - started;
  const steps = processLine.mock.calls.length;
  processLine.mockRestore();
  return { names: files.map((file) => file.fileName), steps, milliseconds };
}

function footprintInChildProcess(megabytes: number, options: BlankBodyOptions = {}): ListingFootprint {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'tests/support/listing-footprint.ts', JSON.stringify({ megabytes, ...options })],
    { encoding: 'utf8', timeout: 120_000 },
  );
  expect(child.status, `the listing process failed: ${child.stderr.slice(-2000)}`).toBe(0);
  return JSON.parse(child.stdout) as ListingFootprint;
}

describe('a text body of megabytes of blank lines next to one PDF', () => {
  it.each([
    ['7bit', {}],
    ['quoted-printable', { encoding: 'quoted-printable' }],
    ['lines of dashes that are no boundary', { line: '--x\r\n' }],
  ] as [string, BlankBodyOptions][])('%s: a few parser steps, whatever the number of lines', async (_, options) => {
    // Both over the 4 MB that the one-pass reader of flat multiparts takes (flat-multipart.ts): these are the
    // parser's steps, and a smaller message would take none.
    const small = await listCounted(blankBodyMessage(5, options));
    const large = await listCounted(blankBodyMessage(8, options));
    expect(small.names).toEqual(['report.pdf']);
    expect(large.names).toEqual(['report.pdf']);
    // A step per part boundary and header line: about 20 here. Line by line it was a million for 2 MB. A run ends
    // after 2 MB at most (a bounded step between two yields to the page, ending at a line break), so 3 MB more are
    // a few more steps.
    expect(small.steps).toBeLessThan(100);
    expect(large.steps).toBeGreaterThanOrEqual(small.steps);
    expect(large.steps).toBeLessThanOrEqual(small.steps + 5);
  });

  it('16 MB: the PDF in well under two seconds (line by line: 4 to 12 s on the same machine)', async () => {
    const { names, milliseconds } = await listCounted(blankBodyMessage(16));
    expect(names).toEqual(['report.pdf']);
    expect(milliseconds).toBeLessThan(2000);
  });

  it.each([
    ['7bit', {}],
    ['quoted-printable', { encoding: 'quoted-printable' }],
  ] as [string, BlankBodyOptions][])(
    '%s, 16 MB: memory peaks below four times the message plus 64 MB (it was 19 times the message)',
    (_, options) => {
      const footprint = footprintInChildProcess(16, options);
      expect(footprint.files).toEqual(['report.pdf']);
      expect(footprint.peakGrowthBytes).toBeLessThan(4 * footprint.messageBytes + 64 * MB);
    },
  );
});

describe('thousands of empty parts', () => {
  it.each([
    ['a delimiter and a blank line', '--b\r\n\r\n'],
    ['a delimiter alone', '--b\r\n'],
    ['LF line ends', '--b\n\n'],
    ['a delimiter with trailing whitespace', '--b \t\r\n\r\n'],
  ])('200,000 of them (%s) before a PDF: the PDF, in a few parser steps', async (_, emptyPart) => {
    const few = await listCounted(emptyPartsMessage(20, { emptyPart, withFile: true }));
    const started = performance.now();
    const many = await listCounted(emptyPartsMessage(200_000, { emptyPart, withFile: true }));
    // postal-mime made a node of about a kilobyte of each, and refused more than 10,000 of them as damaged. (The
    // 20 may need no parser step at all: see flat-multipart.ts.)
    expect(many.names).toEqual(['report.pdf']);
    expect(few.names).toEqual(['report.pdf']);
    expect(many.steps).toBeLessThan(100);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('5,000 of them before a PDF: the files plain postal-mime finds', async () => {
    const raw = emptyPartsMessage(5_000, { withFile: true });
    const plain = await PostalMime.parse(raw);
    expect((await listAttachments(raw)).map((file) => file.fileName)).toEqual(
      plain.attachments.map((file) => file.filename),
    );
  });

  it('in a multipart/digest each empty part is still a message of its own, as postal-mime reads it', async () => {
    const raw = emptyPartsMessage(3, { subtype: 'digest', withFile: true });
    const plain = await PostalMime.parse(raw, { forceRfc822Attachments: true });
    const files = await listAttachments(raw);
    expect(plain.attachments.map((file) => file.mimeType)).toEqual([
      ...Array(3).fill('message/rfc822'),
      'application/pdf',
    ]);
    expect(files.map((file) => file.origin)).toEqual(['message', 'message', 'message', 'part']);
  });

  it('200,000 across 20 attached messages: listed within seconds, without a Blob per part', async () => {
    const raw = nestedEmptyPartsMessage(20, 9_990);
    // In a browser each Blob read back is a round trip to the blob store: per part, that was most of the time.
    let blobs = 0;
    vi.stubGlobal(
      'Blob',
      class CountedBlob extends Blob {
        constructor(...args: ConstructorParameters<typeof Blob>) {
          super(...args);
          blobs++;
        }
      },
    );
    const started = performance.now();
    const files = await listAttachments(raw);
    const milliseconds = performance.now() - started;
    expect(files.map((file) => file.origin)).toEqual(Array.from({ length: 20 }, () => 'message'));
    expect(blobs).toBeLessThan(100);
    expect(milliseconds).toBeLessThan(10_000);
  });
});
