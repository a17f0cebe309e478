import { safeFileName } from '../mail/safe-file-name';
import type { ZipDirectoryEntry } from '../mail/zip-directory';
import type { Attachment, Message } from './types';

/**
 * What kSuite Mail's attachments archive (`attachmentsArchive`, the web app's "Alles herunterladen") is expected to
 * hold, and how its files are told apart, as far as the message JSON lets one check it. How the real server names
 * files in it is not documented; the looser likeness below covers the replica's guesses (see tests/replica).
 */

/** The message's attachments an archive of them should hold: inline parts (images the HTML shows) only if wanted. */
export function attachmentsForArchive(message: Message, options: { includeInline: boolean }): Attachment[] {
  if (!Array.isArray(message.attachments)) return [];
  return message.attachments.filter((a) => options.includeInline || a.disposition !== 'inline');
}

/** A forwarded message attached whole (`message/rfc822`). */
export function isAttachedMessage(attachment: Attachment): boolean {
  return /^message\/rfc822$/i.test(attachment.mime_type);
}

export interface ArchiveFile {
  attachment: Attachment;
  entry: ZipDirectoryEntry;
}

/**
 * Each wanted attachment paired with the archive's file of the same name, compared as safe names. What is left is
 * paired by a looser likeness, for the ways a server's own naming may differ from ours: whitespace and control
 * characters dropped rather than replaced, a repeated name numbered `name (2).ext`. Every file must be paired.
 */
export function pairArchiveFiles(
  wanted: readonly Attachment[],
  entries: readonly ZipDirectoryEntry[],
): ArchiveFile[] | null {
  const files = entries.filter((entry) => !entry.directory);
  if (files.length !== wanted.length) return null;
  const unused = new Set(files);
  const pairs = new Map<Attachment, ZipDirectoryEntry>();
  for (const likeness of [strictKey, looseKey]) {
    for (const attachment of wanted) {
      if (pairs.has(attachment)) continue;
      const key = likeness(attachment.name, attachment.mime_type);
      const entry = [...unused].find((file) => likeness(baseName(file.name), attachment.mime_type) === key);
      if (!entry) continue;
      unused.delete(entry);
      pairs.set(attachment, entry);
    }
  }
  if (pairs.size !== wanted.length) return null;
  return wanted.map((attachment) => ({ attachment, entry: pairs.get(attachment)! }));
}

function strictKey(name: string, mimeType: string): string {
  return safeFileName(name, { mimeType }).normalize('NFC').toLowerCase();
}

function looseKey(name: string, mimeType: string): string {
  return strictKey(name, mimeType)
    .replace(/ \(\d+\)(?=\.[^.]*$|$)/u, '')
    .replace(/[\s_]+/gu, '');
}

/** A server may put a file in a folder of the archive; only its own name is compared. */
function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
