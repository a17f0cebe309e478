import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Download, Page } from 'playwright-core';

export interface SavedFile {
  name: string;
  bytes: Uint8Array;
}

/** Runs `trigger` and returns the file the browser saved because of it. */
export async function savedFileOf(page: Page, trigger: () => Promise<unknown>, timeout = 60_000): Promise<SavedFile> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout }), trigger()]);
  return readDownload(download);
}

export async function readDownload(download: Download): Promise<SavedFile> {
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) };
}

/** The entries of a zip as the test reads them back: path → bytes (directories left out). */
export async function unzip(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  // Every entry's CRC-32 checked too: a header that does not fit its bytes fails the test, not just the user's unzip.
  const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  const files = new Map<string, Uint8Array>();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) files.set(entry.name, await entry.async('uint8array'));
  }
  return files;
}
