import { baseMimeType, extensionForMimeType, fileExtension } from './mime-extensions';

/**
 * File names that are safe to write on Windows, macOS and Linux and inside a zip, whatever a sender put in a
 * message. Attachment names are attacker-controlled: they may try to climb out of the target folder, hide the real
 * extension behind a bidi override (`invoice\u202Efdp.exe`), or use names Windows refuses to create.
 */

export interface SafeFileNameOptions {
  /** Used to derive a name (`attachment.pdf`, `image.png`) when nothing usable is left of the original. */
  mimeType?: string;
  /** Base of the derived name instead of the generic one picked from the MIME type (e.g. a translated word). */
  fallbackBase?: string;
}

/** Most file systems limit one name to 255 bytes (ext4, zip tools); NTFS and APFS allow more, so this is the floor. */
export const MAX_FILE_NAME_BYTES = 255;

// C0/C1 controls and DEL, invisible direction marks, bidi embeddings/overrides/isolates, line/paragraph separators
// and the BOM: none of them belongs in a file name and several can make a name display differently from what it is.
const INVISIBLE_OR_CONTROL =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/g;
// Unicode's default-ignorable characters draw nothing (U+200B zero width space, U+3164 Hangul filler, soft hyphen…),
// and U+2800 (a blank braille cell) draws nothing either: a name of them looks empty or like another name. Two are
// kept where emoji need them: the variation selectors U+FE0E/U+FE0F, and U+200D joining two pictographs (👩‍💻).
const INVISIBLE_FILLERS =
  /(?!\u200d|\ufe0e|\ufe0f)\p{Default_Ignorable_Code_Point}|\u2800|(?<!\p{Extended_Pictographic}\ufe0f?)\u200d|\u200d(?!\p{Extended_Pictographic})/gu;
const WHITESPACE_CONTROLS = /[\t\n\r\v\f]+/g;
// Path separators and the characters Windows forbids.
const FORBIDDEN = /[/\\:*?"<>|]/g;
const LEADING_JUNK = /^[\s.]+/;
const TRAILING_JUNK = /[\s.]+$/;
// Windows refuses these as a base name whatever the extension (`con.txt`, `Aux.tar.gz`), even with trailing spaces.
// It also treats the superscript digits as digits here, and keeps the console and clock devices' `$` names.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$|clock\$)$/i;

/**
 * The length of `text` in UTF-8, as TextEncoder would encode it (a lone surrogate as U+FFFD, three bytes), counted
 * rather than encoded: naming a file measures it a few times, and encoding each time made 4,000 files of one name
 * 16,000 arrays (in Chromium a call into the browser each).
 */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) {
      bytes += 1;
    } else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      // Two UTF-16 units, four bytes.
      bytes += 2;
      i++;
    } else {
      bytes += 2;
    }
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

export function safeFileName(name: string, options: SafeFileNameOptions = {}): string {
  const cleaned = cleanFileName(name);
  const result = cleaned === '' ? derivedFileName(options) : cleaned;
  return fitFileName(result, MAX_FILE_NAME_BYTES);
}

function cleanFileName(name: string): string {
  let text = toWellFormed(String(name ?? '').normalize('NFC'));
  text = text
    .replace(WHITESPACE_CONTROLS, ' ')
    .replace(INVISIBLE_OR_CONTROL, '')
    .replace(INVISIBLE_FILLERS, '')
    .replace(FORBIDDEN, '_');
  text = text.replace(LEADING_JUNK, '').replace(TRAILING_JUNK, '');
  return avoidWindowsReservedName(text);
}

function avoidWindowsReservedName(name: string): string {
  const dot = name.indexOf('.');
  const base = dot < 0 ? name : name.slice(0, dot);
  if (!WINDOWS_RESERVED.test(base.trimEnd())) return name;
  const trimmedBase = base.trimEnd();
  return `${trimmedBase}_${name.slice(trimmedBase.length)}`;
}

function derivedFileName(options: SafeFileNameOptions): string {
  const ext = extensionForMimeType(options.mimeType);
  const base = cleanFileName(options.fallbackBase ?? '') || genericBase(options.mimeType);
  return ext ? `${base}.${ext}` : base;
}

function genericBase(mimeType: string | undefined): string {
  const type = mimeType ? baseMimeType(mimeType) : '';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  if (type === 'message/rfc822') return 'message';
  if (type === 'text/calendar') return 'invite';
  return 'attachment';
}

/**
 * Shortens `name` to `maxBytes` of UTF-8, cutting the base and keeping the extension, at a character boundary
 * (a whole grapheme where the runtime can tell, so an emoji or an accent is never cut in half).
 */
export function fitFileName(name: string, maxBytes: number, suffix = ''): string {
  const ext = fileExtension(name);
  const tail = ext === undefined ? '' : `.${ext}`;
  const base = name.slice(0, name.length - tail.length);
  const budget = maxBytes - utf8Length(suffix + tail);
  let fitted = utf8Length(base) <= budget ? base : truncateToBytes(base, budget).replace(TRAILING_JUNK, '');
  if (fitted === '') fitted = '_';
  return `${fitted}${suffix}${tail}`;
}

function truncateToBytes(text: string, maxBytes: number): string {
  let used = 0;
  let out = '';
  for (const piece of graphemes(text)) {
    const size = utf8Length(piece);
    if (used + size > maxBytes) break;
    used += size;
    out += piece;
  }
  return out;
}

// Intl.Segmenter is missing from older Firefox ESR builds; code points still never split a character.
const graphemeSegmenter =
  typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : undefined;

function graphemes(text: string): Iterable<string> {
  return graphemeSegmenter ? Array.from(graphemeSegmenter.segment(text), (s) => s.segment) : Array.from(text);
}

// A lone surrogate cannot be encoded as UTF-8 and would turn into U+FFFD somewhere later anyway; do it here, once.
function toWellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/**
 * Hands out safe names that are unique within one folder, the way file managers do: `a.pdf`, `a (2).pdf`,
 * `a (3).pdf`. Comparison ignores case because Windows and macOS do, so `A.pdf` and `a.pdf` would overwrite each
 * other there.
 */
export class FileNameAllocator {
  readonly #taken = new Set<string>();
  /**
   * Per name, the number to try next: every number below it is taken, and names are never given back, so a message
   * with thousands of attachments of one name costs one look each instead of counting up from 2 every time.
   */
  readonly #nextNumber = new Map<string, number>();
  /**
   * The safe name and its key of each name asked for (with the options that shape it): a message's files often share
   * a name, and cleaning it (a dozen regular expressions, Unicode normalisation) cost more than the rest of naming.
   */
  readonly #cleaned = new Map<
    string | undefined,
    Map<string | undefined, Map<string, { safe: string; key: string }>>
  >();

  allocate(name: string, options: SafeFileNameOptions = {}): string {
    const { safe, key } = this.#clean(name, options);
    let candidate = safe;
    let candidateKey = key;
    if (this.#taken.has(key)) {
      let n = this.#nextNumber.get(key) ?? 2;
      do {
        candidate = fitFileName(safe, MAX_FILE_NAME_BYTES, ` (${n++})`);
        candidateKey = keyOf(candidate);
      } while (this.#taken.has(candidateKey));
      this.#nextNumber.set(key, n);
    }
    this.#taken.add(candidateKey);
    return candidate;
  }

  has(name: string): boolean {
    return this.#taken.has(keyOf(name));
  }

  #clean(name: string, options: SafeFileNameOptions): { safe: string; key: string } {
    let byBase = this.#cleaned.get(options.mimeType);
    if (!byBase) this.#cleaned.set(options.mimeType, (byBase = new Map()));
    let byName = byBase.get(options.fallbackBase);
    if (!byName) byBase.set(options.fallbackBase, (byName = new Map()));
    let cleaned = byName.get(name);
    if (!cleaned) {
      const safe = safeFileName(name, options);
      cleaned = { safe, key: keyOf(safe) };
      byName.set(name, cleaned);
    }
    return cleaned;
  }
}

// Printable ASCII is its own normal form: only other text needs normalising before it is compared.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function keyOf(name: string): string {
  return (PRINTABLE_ASCII.test(name) ? name : name.normalize('NFC')).toLowerCase();
}

/** Safe, unique names for a list, in order. */
export function uniqueFileNames(names: readonly string[], options: SafeFileNameOptions = {}): string[] {
  const allocator = new FileNameAllocator();
  return names.map((name) => allocator.allocate(name, options));
}

/** The first `count` user-perceived characters of `text`. */
export function firstGraphemes(text: string, count: number): string {
  const pieces = graphemes(text);
  let out = '';
  let n = 0;
  for (const piece of pieces) {
    if (n++ >= count) break;
    out += piece;
  }
  return out;
}
