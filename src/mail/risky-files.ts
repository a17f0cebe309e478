/**
 * Attachments a reader should not open without a second thought: programs and scripts, Office files that can run
 * macros, disk images and shortcuts (both used to smuggle programs past filters), and names built to mislead, like
 * `invoice.pdf.exe` or `invoice\u202Efdp.exe` (shown as "invoiceexe.pdf").
 *
 * The type is judged on the name the file will be saved under (`safeFileName`): that is the name the operating
 * system acts on, whatever the webmail displays.
 */
import { fileExtension } from './mime-extensions';
import { safeFileName } from './safe-file-name';

/** Why a file is risky; the first that applies, in the order of this list, is the one reported. */
export type RiskyFileReason =
  | 'hidden_characters'
  | 'lookalike_characters'
  | 'double_extension'
  | 'executable'
  | 'shortcut'
  | 'disk_image'
  | 'macro_document';

export interface RiskyFile {
  reason: RiskyFileReason;
  /** The attachment's own name, as the webmail displays it (may hold bidi overrides). */
  shownName: string;
  /** The name it is saved under. */
  savedName: string;
  /** Macro documents and disk images have everyday uses; the others almost never arrive by mail for a good reason. */
  severity: 'error' | 'warning';
}

export interface AttachmentName {
  name: string;
  mimeType?: string;
}

// Windows runs these on a double click (programs, installers, scripts, control-panel items, help apps), and a few
// other systems' equivalents (Java, Android, shell).
const EXECUTABLE = new Set(
  (
    'exe com scr pif bat cmd msi msp msix msixbundle appx appxbundle cpl dll ocx hta chm js jse vbs vbe wsf wsh wsc ' +
    'ps1 psm1 psd1 reg inf msc gadget application jar apk sh command xll cab'
  ).split(' '),
);
const MACRO_DOCUMENT = new Set('docm dotm xlsm xltm xlsb xlam pptm potm ppsm ppam sldm one onepkg'.split(' '));
const DISK_IMAGE = new Set('iso img vhd vhdx dmg udf'.split(' '));
// Windows shortcuts and Internet shortcuts, and the search/library descriptors abused to point at remote programs.
const SHORTCUT = new Set(
  'lnk url scf website library-ms searchconnector-ms settingcontent-ms webloc desktop'.split(' '),
);
// What the first extension of a double one pretends the file is.
const DOCUMENT_LOOK = new Set(
  'pdf doc docx xls xlsx ppt pptx odt ods txt rtf csv jpg jpeg png gif zip rar 7z mp3 mp4 mov html htm'.split(' '),
);

// Bidi overrides, embeddings, isolates and marks, and zero-width characters: they reorder or hide part of a name.
const HIDDEN_CHARACTERS = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
const LETTER_SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u, /\p{Script=Armenian}/u];

export function findRiskyFiles(attachments: readonly AttachmentName[]): RiskyFile[] {
  return attachments.flatMap(({ name, mimeType }) => {
    const savedName = safeFileName(name, { mimeType });
    const reason = riskyReason(name, savedName);
    if (reason === null) return [];
    const severity = reason === 'macro_document' || reason === 'disk_image' ? 'warning' : 'error';
    return [{ reason, shownName: name, savedName, severity }];
  });
}

function riskyReason(shownName: string, savedName: string): RiskyFileReason | null {
  const extensions = extensionsOf(savedName);
  const last = extensions[extensions.length - 1];
  const kind = last === undefined ? null : typeOf(last);
  if (HIDDEN_CHARACTERS.test(shownName)) return 'hidden_characters';
  if (looksLikeOtherLetters(savedName)) return 'lookalike_characters';
  if (kind === null) return null;
  const previous = extensions[extensions.length - 2];
  if (previous !== undefined && DOCUMENT_LOOK.has(previous)) return 'double_extension';
  return kind;
}

function typeOf(
  extension: string,
): Exclude<RiskyFileReason, 'hidden_characters' | 'lookalike_characters' | 'double_extension'> | null {
  if (EXECUTABLE.has(extension)) return 'executable';
  if (SHORTCUT.has(extension)) return 'shortcut';
  if (DISK_IMAGE.has(extension)) return 'disk_image';
  if (MACRO_DOCUMENT.has(extension)) return 'macro_document';
  return null;
}

/** "Rechnung.pdf .EXE" → ["pdf", "exe"]: the last two extensions, lower case, spaces around the dot ignored. */
function extensionsOf(name: string): string[] {
  const last = fileExtension(name.replace(/\s+$/, ''));
  if (last === undefined) return [];
  const rest = name.slice(0, name.lastIndexOf('.')).trimEnd();
  const previous = fileExtension(rest);
  return previous === undefined ? [last.toLowerCase()] : [previous.toLowerCase(), last.toLowerCase()];
}

/**
 * A word mixing Latin letters with Cyrillic, Greek or Armenian ones ("Rеchnung" with a Cyrillic "е"), or an
 * extension with a non-ASCII letter ("ехе" in Cyrillic): made to read as something it is not.
 */
function looksLikeOtherLetters(name: string): boolean {
  const extension = fileExtension(name);
  if (extension !== undefined && /\p{L}/u.test(extension) && /[^\x20-\x7e]/.test(extension)) return true;
  return name.split(/[^\p{L}\p{M}]+/u).some((word) => LETTER_SCRIPTS.filter((script) => script.test(word)).length > 1);
}
