import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';

/**
 * The test's stand-in for the user answering Chrome's folder picker, which cannot be answered headless: the page's
 * `showDirectoryPicker` resolves to a folder of the origin-private file system (a directory handle like any other,
 * so the backup runs the same code as into a folder on disk). The extension's bundle is not changed.
 */
export async function answerFolderPickerWith(page: Page, folderName: string): Promise<void> {
  await page.addInitScript((name) => {
    Object.defineProperty(window, 'showDirectoryPicker', {
      configurable: true,
      value: async () => (await navigator.storage.getDirectory()).getDirectoryHandle(name, { create: true }),
    });
  }, folderName);
}

/** A browser without a folder picker (Firefox, Safari), in Chromium: the page must take the zip route. */
export async function withoutFolderPicker(page: Page): Promise<void> {
  await page.addInitScript(() => {
    delete (window as { showDirectoryPicker?: unknown }).showDirectoryPicker;
  });
}

export interface StoredFile {
  path: string;
  size: number;
  /** SHA-256 of the bytes, by the browser's own WebCrypto. */
  sha256: string;
  /** Only when asked for. */
  base64?: string;
}

/** Every file under a folder of the page's origin-private file system, read back by the test. */
export function filesInBrowserStorage(page: Page, folderPath: string, withBytes = false): Promise<StoredFile[]> {
  return page.evaluate(
    async ({ folderPath, withBytes }) => {
      let folder = await navigator.storage.getDirectory();
      for (const part of folderPath.split('/')) folder = await folder.getDirectoryHandle(part);
      const found: StoredFile[] = [];
      const walk = async (dir: FileSystemDirectoryHandle, prefix: string): Promise<void> => {
        for await (const [name, handle] of dir.entries()) {
          if (handle.kind === 'directory') await walk(handle as FileSystemDirectoryHandle, `${prefix}${name}/`);
          else {
            const file = await (handle as FileSystemFileHandle).getFile();
            const bytes = new Uint8Array(await file.arrayBuffer());
            const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
            const sha256 = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
            let base64: string | undefined;
            if (withBytes) {
              base64 = await new Promise<string>((resolve) => {
                const reader = new FileReader();
                reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
                reader.readAsDataURL(file);
              });
            }
            found.push({ path: prefix + name, size: file.size, sha256, base64 });
          }
        }
      };
      await walk(folder, '');
      return found;
    },
    { folderPath, withBytes },
  );
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function python(script: string, args: string[]): string {
  return execFileSync('python3', ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
}

/**
 * The messages of an mbox file as Python's `mailbox.mbox` splits it, each un-escaped from mboxrd (one `>` taken
 * off `>From ` lines), as SHA-256 of the bytes.
 */
export function mboxMessageHashes(path: string): string[] {
  const script = [
    'import hashlib, json, mailbox, re, sys',
    'box = mailbox.mbox(sys.argv[1], create=False)',
    "out = [hashlib.sha256(re.sub(rb'(?m)^>(>*From )', rb'\\1', box.get_bytes(k)).rstrip(b'\\n')).hexdigest()",
    '       for k in box.keys()]',
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(python(script, [path])) as string[];
}

/** A raw message as it should come back out of an mbox: LF line ends, no trailing line breaks. */
export function asInMbox(raw: Uint8Array): string {
  const text = Buffer.from(raw).toString('latin1').replace(/\r\n/g, '\n').replace(/\n+$/, '');
  return sha256(Buffer.from(text, 'latin1'));
}

/** Every file entry of a zip as Python's zipfile reads it (after its CRC check): path → SHA-256. */
export function zipEntryHashes(path: string): Record<string, string> {
  const script = [
    'import hashlib, json, sys, zipfile',
    'z = zipfile.ZipFile(sys.argv[1])',
    'assert z.testzip() is None',
    'print(json.dumps({i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist() if not i.is_dir()}))',
  ].join('\n');
  return JSON.parse(python(script, [path])) as Record<string, string>;
}

/** `unzip -t`: Info-ZIP's own check of every entry. */
export function unzipTest(path: string): string {
  return execFileSync('unzip', ['-t', path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
