import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packAsZip } from './pack-as-zip';
import { MemoryFile, MemoryFolder } from './testing/memory-folder';

let scratch: string | null = null;
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = null;
});

/** What Python's zipfile, an implementation independent of ours, reads back: file path → SHA-256 of its bytes. */
function readWithPython(zip: Uint8Array): Record<string, string> {
  scratch = mkdtempSync(join(tmpdir(), 'pack-as-zip-'));
  const path = join(scratch, 'backup.zip');
  writeFileSync(path, zip);
  const script = [
    'import hashlib, json, sys, zipfile',
    'z = zipfile.ZipFile(sys.argv[1])',
    'assert z.testzip() is None',
    'print(json.dumps({i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist() if not i.is_dir()}))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' })) as Record<string, string>;
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

describe('packing a backup folder of the browser storage as one .zip', () => {
  it("holds every file of the backup at its path, byte for byte, as Python and unzip read it; not the engine's work folder", async () => {
    const folder = new MemoryFolder('kSuite Mail 2026-12-06 1425');
    const big = new Uint8Array(3_000_000).map((_, i) => (i * 7919) % 251);
    const files: Record<string, Uint8Array | string> = {
      'manifest.jsonl': '{"uid":"1"}\n',
      'demo@ik.me/INBOX/2026-03-01 0930 – Grüße aus Zürich.eml':
        'Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\n\r\nHallo\r\n',
      'demo@ik.me/INBOX/Projekte/2026/2026-03-02 1000 – big.eml': big,
      'demo@ik.me/Empty.eml': '',
      'index.csv': 'date,from\n',
    };
    for (const [path, bytes] of Object.entries(files)) folder.put(path, bytes);
    folder.put('.backup-work/journal/000001.jsonl', '{"uid":"2"}\n');
    folder.put('.backup-work/staging/INBOX-7.part', 'half a message');
    const into = new MemoryFile('backup.zip');
    const progress: number[] = [];

    const zip = await packAsZip(folder.handle, into as unknown as FileSystemFileHandle, {
      onProgress: (p) => progress.push(p.files),
    });

    const bytes = new Uint8Array(await zip.arrayBuffer());
    const read = readWithPython(bytes);
    expect(Object.keys(read).sort()).toEqual(Object.keys(files).sort());
    for (const [path, content] of Object.entries(files)) expect(read[path], path).toBe(sha256(content));
    expect(execFileSync('unzip', ['-t', join(scratch!, 'backup.zip')], { encoding: 'utf8' })).toContain(
      'No errors detected',
    );
    expect(progress.at(-1)).toBe(5);
  });

  it('an empty backup is an empty but valid zip', async () => {
    const into = new MemoryFile('empty.zip');
    const zip = await packAsZip(new MemoryFolder('x').handle, into as unknown as FileSystemFileHandle);
    expect(readWithPython(new Uint8Array(await zip.arrayBuffer()))).toEqual({});
  });

  it('a cancelled packing stops, and leaves the zip file as it was', async () => {
    const folder = new MemoryFolder('x');
    folder.put('a.eml', 'a');
    const into = new MemoryFile('x.zip');
    into.bytes = new TextEncoder().encode('earlier');
    const controller = new AbortController();
    controller.abort();
    await expect(
      packAsZip(folder.handle, into as unknown as FileSystemFileHandle, { signal: controller.signal }),
    ).rejects.toThrow();
    expect(new TextDecoder().decode(into.bytes)).toBe('earlier');
  });
});
