import type { TransferOptions } from '../../ksuite/api-client';
import { KsuiteApiError } from '../../ksuite/api-error';
import { archiveFilesFromJson, pairArchiveFiles, type ArchiveFile } from '../../ksuite/attachments-archive';
import type { Attachment, Message } from '../../ksuite/types';
import type { MessageRef } from '../../ksuite/webmail-dom';
import { isMailError } from '../../mail/errors';
import { buildZip, type CompressedContent } from '../../mail/zip';
import { ZipLayout, type LayoutFolder } from '../../mail/zip-layout';
import { entryDataStarts, readZipDirectory, type ZipDirectoryEntry } from '../../mail/zip-directory';
import type { ZipPreferences } from './zip-preferences';
import type { MessageSource } from '../../ksuite/message-source';

/**
 * "Attachments (.zip)" from the server's own archive (the one the web app's "Alles herunterladen" gives), when it
 * can be trusted to hold what the browser would have zipped: for one message, and for each message of
 * "Attachments (.zip)" of several. It is about 40 % fewer bytes than the raw message (no base64, text already
 * deflated) and needs no decoding here, so it is the faster way on any network.
 *
 * It is asked for only when the message JSON shows that it holds exactly what the browser's zip of the raw message
 * would (see archiveFilesFromJson: no winmail.dat to unpack, no attached message to name or expand, no part the
 * two read differently), so that the same click gives the same files by either route. The archive is then checked
 * against that list: one file for each attachment, matched by name, nothing missing and nothing extra. Where the server's names are not already this extension's
 * safe, unique names, the entries get them (and the message date), written around the server's compressed bytes
 * without decompressing or copying them. Anything else (an answer that is not such a zip, a name or count that does
 * not match, a server error) returns null or false, and the caller zips the raw message in the browser instead:
 * never a smaller zip than the message has.
 */

export interface ServerArchiveZip {
  zip: Blob;
  fileCount: number;
}

interface CheckedArchive {
  archive: Blob;
  entries: ZipDirectoryEntry[];
  matched: ArchiveFile[];
}

/** "Attachments (.zip)" of one message from the server's archive, or null when the browser must zip it. */
export async function zipFromServerArchive(
  source: MessageSource,
  ref: MessageRef,
  details: Message,
  preferences: ZipPreferences,
  date: Date,
  signal?: AbortSignal,
  /** The archive's bytes as they arrive, and its retries: one message's toolbar shows them. */
  following: Omit<TransferOptions, 'signal'> = {},
): Promise<ServerArchiveZip | null> {
  const checked = await checkedServerArchive(source, ref, details, preferences, { ...following, signal });
  if (!checked) return null;
  const { archive, entries, matched } = checked;
  // One layout names the files. Where its names are the server's own, and there are no folders, the server's archive
  // is saved as it came (with the server's entry dates); only otherwise are the entries' bytes located in it.
  const layout = new ZipLayout();
  const files = matched.map(({ attachment, entry }) => {
    const content = compressedContentOf(entry);
    const path = layout.addFile([], attachment.name, content, { mimeType: attachment.mime_type, date });
    return { entry, content, path };
  });
  if (entries.length === matched.length && files.every(({ entry, path }) => entry.name === path)) {
    return { zip: archive, fileCount: matched.length };
  }
  if (!(await locateBodies(archive, files))) return null;
  const zip = await buildZip(layout.entries, { date, signal });
  return { zip, fileCount: matched.length };
}

/**
 * A bulk export's share of one message, from the server's archive: its attachments added to `layout` under
 * `baseFolders`. False (and nothing added) when the browser must zip the raw message instead.
 */
export async function addServerArchiveToLayout(
  layout: ZipLayout,
  source: MessageSource,
  ref: MessageRef,
  details: Message,
  preferences: ZipPreferences,
  options: { baseFolders: readonly LayoutFolder[]; date: Date; signal?: AbortSignal },
): Promise<boolean> {
  const checked = await checkedServerArchive(source, ref, details, preferences, { signal: options.signal });
  return checked !== null && addMatchedFiles(layout, checked, options);
}

/** The server's archive, read and checked against the message; null when it cannot stand in for the raw message. */
async function checkedServerArchive(
  source: MessageSource,
  ref: MessageRef,
  details: Message,
  preferences: ZipPreferences,
  transfer: TransferOptions,
): Promise<CheckedArchive | null> {
  // A raw message the page already has (after "Headers", say) is zipped here rather than downloading the archive too.
  if (source.hasRaw(ref) || !source.archiveTrusted) return null;
  const wanted = wantedAttachments(details, preferences);
  if (!wanted) return null;

  let archive: Blob;
  let entries: ZipDirectoryEntry[];
  try {
    archive = await source.attachmentsArchive(details, transfer);
    entries = await readZipDirectory(archive);
  } catch (error) {
    return fallBackOn(error);
  }
  const matched = pairArchiveFiles(wanted, entries);
  if (!matched) {
    source.distrustArchive();
    return null;
  }
  return { archive, entries, matched };
}

/** Adds the matched files, each under its attachment's name, as the server compressed them; false if unreadable. */
async function addMatchedFiles(
  layout: ZipLayout,
  { archive, matched }: CheckedArchive,
  options: { baseFolders?: readonly LayoutFolder[]; date: Date },
): Promise<boolean> {
  const files = matched.map(({ attachment, entry }) => ({ attachment, entry, content: compressedContentOf(entry) }));
  // Located first: a bulk export's layout gets all of this message's files or none.
  if (!(await locateBodies(archive, files))) return false;
  for (const { attachment, content } of files) {
    layout.addFile(options.baseFolders ?? [], attachment.name, content, {
      mimeType: attachment.mime_type,
      date: options.date,
    });
  }
  return true;
}

/** An entry's bytes as the server compressed them; its body is found in the archive by locateBodies. */
function compressedContentOf(entry: ZipDirectoryEntry): CompressedContent {
  return { method: entry.method, crc: entry.crc, size: entry.size, body: NOT_LOCATED };
}

const NOT_LOCATED = new Blob([]);

/** Points each content's body at its entry's bytes in the archive (read from the local headers); false if unreadable. */
async function locateBodies(
  archive: Blob,
  files: readonly { entry: ZipDirectoryEntry; content: CompressedContent }[],
): Promise<boolean> {
  let dataStarts: number[];
  try {
    dataStarts = await entryDataStarts(
      archive,
      files.map(({ entry }) => entry),
    );
  } catch (error) {
    return fallBackOn(error) ?? false;
  }
  files.forEach(({ entry, content }, i) => {
    const start = dataStarts[i]!;
    content.body = archive.slice(start, start + entry.compressedSize);
  });
  return true;
}

/**
 * A failure of the archive route means "zip the raw message instead" (null), except an expired session or a Cancel,
 * which are the user's to see (the raw message would meet the same), and a bug, which must not be hidden.
 */
function fallBackOn(error: unknown): null {
  if (error instanceof KsuiteApiError && (error.kind === 'signed_out' || error.kind === 'aborted')) throw error;
  if (!(error instanceof KsuiteApiError) && !isMailError(error)) throw error;
  return null;
}

/** The attachments the browser's zip would hold, or null when only the raw message can give what is asked. */
function wantedAttachments(details: Message, preferences: ZipPreferences): Attachment[] | null {
  if (!preferences.useServerArchive) return null;
  const wanted = archiveFilesFromJson(details, { includeInline: preferences.includeInlineImages });
  // An attachment the server offers no download of may well be missing from its archive too; the raw message has it.
  return wanted === null || wanted.length === 0 || wanted.some((attachment) => attachment.resource === null)
    ? null
    : wanted;
}
