import { bareContentId, cidReferences, isNestedMessageType, mayBeWinmailDat } from '../mail/attachment-kinds';
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

/**
 * The files the browser's zip of the raw message holds (mail/attachments.ts), when the JSON alone says which they
 * are for certain; null when only the raw message can say, because the browser reads a part otherwise than the
 * server describes or archives it:
 * - an attached message: saved as .eml named after its own subject, or expanded into a folder;
 * - what may be a winmail.dat: replaced by the files inside it, where the server's archive has the winmail.dat;
 * - a part whose place the JSON's disposition does not settle. The browser leaves out a part the HTML shows (a
 *   `cid:` link to it) unless it is marked as an attachment; the server calls a part inline by its disposition and
 *   leaves what it calls inline out of its archive. A part the server calls inline that the HTML does not show is a
 *   file to the browser; one it calls an attachment that the HTML shows may or may not be marked so.
 */
export function archiveFilesFromJson(message: Message, options: { includeInline: boolean }): Attachment[] | null {
  const body = message.body;
  const shown = cidReferences(body?.type === 'text/html' && typeof body.value === 'string' ? body.value : undefined);
  const files: Attachment[] = [];
  for (const attachment of message.attachments) {
    if (isNestedMessageType(attachment.mime_type) || mayBeWinmailDat(attachment.name, attachment.mime_type)) {
      return null;
    }
    const contentId = bareContentId(attachment.content_id);
    const inHtml = contentId !== undefined && shown.has(contentId.toLowerCase());
    const inlineToServer = attachment.disposition === 'inline';
    if (inlineToServer !== inHtml) return null;
    if (inlineToServer && options.includeInline) return null; // the browser keeps it; the archive has not got it
    if (!inlineToServer) files.push(attachment);
  }
  return files;
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
  const used = new Set<ZipDirectoryEntry>();
  const pairs = new Map<Attachment, ZipDirectoryEntry>();
  for (const likeness of [strictKey, looseKey]) {
    // Files by key, in archive order, so that each attachment finds its file in one look (thousands of files
    // of one name must not take a scan of the archive each). A key depends on the MIME type only for a name that
    // leaves nothing usable, hence one index per type.
    const indexes = new Map<string, Map<string, { files: ZipDirectoryEntry[]; next: number }>>();
    const indexFor = (mimeType: string) => {
      let index = indexes.get(mimeType);
      if (!index) {
        index = new Map();
        for (const file of files) {
          const key = likeness(baseName(file.name), mimeType);
          const bucket = index.get(key);
          if (bucket) bucket.files.push(file);
          else index.set(key, { files: [file], next: 0 });
        }
        indexes.set(mimeType, index);
      }
      return index;
    };
    for (const attachment of wanted) {
      if (pairs.has(attachment)) continue;
      const bucket = indexFor(attachment.mime_type).get(likeness(attachment.name, attachment.mime_type));
      if (!bucket) continue;
      // The first file of that key not paired yet (through this index or another one).
      while (bucket.next < bucket.files.length && used.has(bucket.files[bucket.next]!)) bucket.next++;
      const entry = bucket.files[bucket.next];
      if (!entry) continue;
      bucket.next++;
      used.add(entry);
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
