import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SavedFile } from '../../e2e/support/downloads';

const POLL_MS = 100;

/**
 * The folder Firefox saves downloads into. Puppeteer has no download events over BiDi, so a download is seen
 * the way a user sees it: a new file in the folder. While Firefox writes, the folder holds an empty placeholder
 * under the final name plus `<name>.part`; the file is complete once no `.part` is left and it has content.
 */
export class DownloadFolder {
  constructor(readonly path: string) {}

  /** Runs `trigger` and returns the one file the browser saved because of it. */
  async savedFileOf(trigger: () => Promise<unknown>, timeout = 60_000): Promise<SavedFile> {
    const before = new Set(await readdir(this.path));
    await trigger();
    const deadline = Date.now() + timeout;
    for (;;) {
      const saved = await this.completedFileNotIn(before);
      if (saved) return saved;
      if (Date.now() > deadline) throw new Error(`no download finished in ${this.path} within ${timeout} ms`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Names of the files saved so far. */
  async names(): Promise<string[]> {
    return (await readdir(this.path)).filter((name) => !name.endsWith('.part')).sort();
  }

  private async completedFileNotIn(before: ReadonlySet<string>): Promise<SavedFile | null> {
    const entries = await readdir(this.path);
    if (entries.some((name) => name.endsWith('.part'))) return null;
    const fresh = entries.filter((name) => !before.has(name));
    if (fresh.length > 1) throw new Error(`expected one download, found ${fresh.join(', ')}`);
    if (fresh.length === 0) return null;
    const bytes = new Uint8Array(await readFile(join(this.path, fresh[0]!)));
    return bytes.byteLength > 0 ? { name: fresh[0]!, bytes } : null;
  }
}
