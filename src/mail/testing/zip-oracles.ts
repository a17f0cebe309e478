import { spawnSync } from 'node:child_process';
import { open } from 'node:fs/promises';
import type { ZipSink } from '../zip-stream';

/**
 * Independent readers for the zip tests: Python's zipfile and Info-ZIP's unzip (Debian's), run on an archive
 * written to disk, plus a sink that writes to that file. Nothing here uses the project's zip code or CRC.
 */

/** A sink into a new file; `close` once the writer has finished. */
export async function fileSink(path: string): Promise<ZipSink & { close(): Promise<void> }> {
  const file = await open(path, 'w');
  return {
    async write(chunk: Uint8Array): Promise<void> {
      let at = 0;
      while (at < chunk.byteLength) {
        const { bytesWritten } = await file.write(chunk, at, chunk.byteLength - at);
        at += bytesWritten;
      }
    },
    close: () => file.close(),
  };
}

export interface PythonZipEntry {
  name: string;
  size: number;
  compressSize: number;
  /** As the directory states it. */
  crc: number;
  /** Of the bytes zipfile extracted, by zlib; 0 when contents were not read. */
  contentCrc: number;
  /** Of the bytes zipfile extracted; '' unless asked for. */
  sha256: string;
  headerOffset: number;
  isDir: boolean;
  flagBits: number;
  extractVersion: number;
  dateTime: number[];
}

export interface PythonZipReport {
  /** zipfile.testzip(): the first entry whose CRC or header is bad, or null. */
  testzip: string | null;
  entries: PythonZipEntry[];
}

const PYTHON_READER = `
import hashlib, json, sys, zipfile, zlib
path, contents = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(path) as z:
    report = {"testzip": z.testzip(), "entries": []}
    for info in z.infolist():
        digest, crc = hashlib.sha256(), 0
        if contents != "none":
            with z.open(info) as f:
                while True:
                    block = f.read(1 << 20)
                    if not block:
                        break
                    if contents == "sha256":
                        digest.update(block)
                    crc = zlib.crc32(block, crc)
        report["entries"].append({
            "name": info.filename, "size": info.file_size, "compressSize": info.compress_size, "crc": info.CRC,
            "contentCrc": crc, "sha256": digest.hexdigest() if contents == "sha256" else "", "headerOffset": info.header_offset,
            "isDir": info.is_dir(), "flagBits": info.flag_bits, "extractVersion": info.extract_version,
            "dateTime": list(info.date_time),
        })
sys.stdout.write(json.dumps(report))
`;

/**
 * Opens the archive with Python's zipfile and runs its testzip(); reads every entry's bytes again when `contents`
 * asks for their SHA-256 (and zlib CRC-32) or their CRC-32 alone (faster, for gigabytes). Throws with Python's own
 * message when it refuses the archive.
 */
export function readWithPython(path: string, options: { contents: 'sha256' | 'crc32' | 'none' }): PythonZipReport {
  const child = spawnSync('python3', ['-c', PYTHON_READER, path, options.contents], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`python zipfile refused the archive: ${child.stderr.trim().slice(-1500)}`);
  return JSON.parse(child.stdout) as PythonZipReport;
}

/** `unzip -t`: exit status 0 and its last line, e.g. "No errors detected in compressed data of x.zip." */
export function testWithUnzip(path: string): { status: number | null; output: string } {
  const child = spawnSync('unzip', ['-t', path], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (child.error) throw child.error;
  return { status: child.status, output: `${child.stdout}${child.stderr}` };
}

/** The names unzip lists (`zipinfo -1`), one a line. */
export function namesWithUnzip(path: string): string[] {
  const child = spawnSync('unzip', ['-Z1', path], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    // unzip writes names in the locale's character set; C would turn UTF-8 into question marks.
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
  });
  if (child.error) throw child.error;
  if (child.status !== 0) throw new Error(`unzip -Z1 failed: ${child.stdout}${child.stderr}`);
  return child.stdout.split('\n').filter((line) => line !== '');
}

/**
 * The entry count the archive's end records state, as zipinfo reads them (`zipinfo -h`): the zip64 end record's
 * when there is one. Python and unzip -t read a directory by its length and accept a wrong count.
 */
export function statedCountWithZipinfo(path: string): number {
  const child = spawnSync('zipinfo', ['-h', path], { encoding: 'utf8' });
  if (child.error) throw child.error;
  const count = /number of entries: (\d+)/.exec(child.stdout);
  if (child.status !== 0 || !count) throw new Error(`zipinfo -h failed: ${child.stdout}${child.stderr}`);
  return Number(count[1]);
}

export interface LocalRecords {
  flags: number;
  versionNeeded: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** The zip64 extra field's two sizes, when the local header has one. */
  zip64: { size: number; compressedSize: number } | null;
  /** What follows the data when bit 3 is set: signature, CRC and sizes, 4 or 8 bytes wide. */
  descriptor: { signature: number; crc: number; sizes32: number[]; sizes64: number[] } | null;
}

/**
 * The local header at `offset` (as Python's zipfile found it) and the data descriptor after `size` bytes of data,
 * read straight from the file by APPNOTE's layout, for what the readers above do not look at.
 */
export async function readLocalRecords(path: string, offset: number, size: number): Promise<LocalRecords> {
  const file = await open(path, 'r');
  try {
    const read = async (at: number, length: number) => {
      const bytes = Buffer.alloc(length);
      await file.read(bytes, 0, length, at);
      return bytes;
    };
    const header = await read(offset, 30);
    expectSignature(header.readUInt32LE(0), 0x04034b50, 'local header');
    const nameLength = header.readUInt16LE(26);
    const extraLength = header.readUInt16LE(28);
    const extra = await read(offset + 30 + nameLength, extraLength);
    let zip64: LocalRecords['zip64'] = null;
    for (let at = 0; at + 4 <= extra.length; at += 4 + extra.readUInt16LE(at + 2)) {
      if (extra.readUInt16LE(at) === 0x0001) {
        zip64 = { size: readUint64(extra, at + 4), compressedSize: readUint64(extra, at + 12) };
      }
    }
    const flags = header.readUInt16LE(6);
    let descriptor: LocalRecords['descriptor'] = null;
    if (flags & 0x0008) {
      const after = await read(offset + 30 + nameLength + extraLength + size, 24);
      descriptor = {
        signature: after.readUInt32LE(0),
        crc: after.readUInt32LE(4),
        sizes32: [after.readUInt32LE(8), after.readUInt32LE(12)],
        sizes64: [readUint64(after, 8), readUint64(after, 16)],
      };
    }
    return {
      flags,
      versionNeeded: header.readUInt16LE(4),
      crc: header.readUInt32LE(14),
      compressedSize: header.readUInt32LE(18),
      size: header.readUInt32LE(22),
      zip64,
      descriptor,
    };
  } finally {
    await file.close();
  }
}

function readUint64(bytes: Buffer, at: number): number {
  return Number(bytes.readBigUInt64LE(at));
}

function expectSignature(found: number, wanted: number, what: string): void {
  if (found !== wanted) throw new Error(`no ${what} signature: ${found.toString(16)}`);
}
