import { FLAG_UTF8_NAME } from './zip-format';
import { isValidDate, wallClock } from './wall-clock';

/**
 * What both zip writers (zip.ts in memory, zip-stream.ts streaming) make of each entry the same way: the name's
 * bytes and UTF-8 flag, the DOS date and time, and the checks that keep a naming bug from producing an archive that
 * overwrites files or writes outside the folder it is extracted to. The headers themselves: zip-records.ts.
 */

const utf8 = new TextEncoder();

/** The name as UTF-8, and the flag that says so when it is not plain ASCII (else readers assume code page 437). */
export function encodedName(path: string): { name: Uint8Array; flags: number } {
  const ascii = asciiBytes(path);
  if (ascii) return { name: ascii, flags: 0 };
  const name = utf8.encode(path);
  return { name, flags: name.some((byte) => byte >= 0x80) ? FLAG_UTF8_NAME : 0 };
}

/**
 * The bytes of a name that is all ASCII, copied here; undefined for any other. TextEncoder is a call into the
 * browser, which for thousands of short names (a message of 4,000 files) cost more than writing their headers.
 */
function asciiBytes(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x80) return undefined;
    bytes[i] = unit;
  }
  return bytes;
}

export interface DosDateTime {
  dosTime: number;
  dosDate: number;
}

/**
 * Zip stores a zone-less DOS date and time (two-second steps, 1980 to 2107), which unzip tools show as they are: so
 * they are the wall clock of the message in the user's zone, not UTC.
 */
export function dosDateTime(date: Date, timeZone?: string): DosDateTime {
  const first = { dosTime: 0, dosDate: (1 << 5) | 1 };
  if (!isValidDate(date)) return first;
  const c = wallClock(date, timeZone);
  if (c.year < 1980) return first;
  if (c.year > 2107) return { dosTime: (23 << 11) | (59 << 5) | 29, dosDate: (127 << 9) | (12 << 5) | 31 };
  return {
    dosTime: (c.hour << 11) | (c.minute << 5) | (c.second >> 1),
    dosDate: ((c.year - 1980) << 9) | (c.month << 5) | c.day,
  };
}

/** The folders a path lies in, outermost first: `a/b/c.eml` → `a`, `a/b`. */
export function parentFolders(path: string): string[] {
  const segments = path.split('/');
  const folders: string[] = [];
  for (let depth = 1; depth < segments.length; depth++) folders.push(segments.slice(0, depth).join('/'));
  return folders;
}

/** What ZipPaths remembers of the paths taken: a set of their keys, or something smaller (see zip-stream.ts). */
export interface TakenKeys {
  has(key: string): boolean;
  add(key: string): unknown;
}

/**
 * The paths of one archive, files and folders alike. The caller owns naming; this only refuses a path that is
 * unsafe or that a case-insensitive disk would take for one already there.
 */
export class ZipPaths {
  readonly #taken: TakenKeys;

  constructor(taken: TakenKeys = new Set<string>()) {
    this.#taken = taken;
  }

  has(path: string): boolean {
    return this.#taken.has(pathKey(path));
  }

  /** Takes all of `paths`, in their order, or, when one is refused, none. */
  add(...paths: string[]): void {
    const keys = new Set<string>();
    for (const path of paths) {
      for (const segment of path.split('/')) {
        // eslint-disable-next-line no-control-regex -- finding control characters is the point
        if (segment === '' || segment === '.' || segment === '..' || /[\\\u0000-\u001f]/.test(segment)) {
          throw new Error(`unsafe zip entry path: ${JSON.stringify(path)}`);
        }
      }
      const key = pathKey(path);
      if (this.#taken.has(key) || keys.has(key)) throw new Error(`duplicate zip entry path: ${JSON.stringify(path)}`);
      keys.add(key);
    }
    for (const key of keys) this.#taken.add(key);
  }
}

/** Paths a case-insensitive, normalising disk (macOS, Windows) would take for one: a folder's without its slash. */
export function pathKey(path: string): string {
  return path.replace(/\/$/, '').normalize('NFC').toLowerCase();
}
