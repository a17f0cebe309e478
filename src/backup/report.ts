import type { BackupFormat, BackupReport, FailedMessage, FolderOutcome } from './contract';
import type { FolderListing, ListedMessage } from './list-messages';
import { entryKey, type Manifest, type ManifestEntry } from './manifest';

/** One selected folder, as the run knows it at the end. */
export interface FolderInRun {
  mailbox: string;
  mailboxUuid: string;
  folderId: string;
  folderPath: string;
  /** null when the folder could not be listed (then `failed` says why). */
  listing: FolderListing | null;
  totalCount: number | null;
}

/** The manifest's entry for a listed message, if it vouches for this very message, whole. */
export function vouchedEntry(
  manifest: Manifest,
  format: BackupFormat | 'staged',
  mailboxUuid: string,
  message: ListedMessage,
): ManifestEntry | undefined {
  const entry = manifest.get(
    entryKey({ format, mailboxUuid, folderId: message.ref.folderId, uid: message.ref.shortUid }),
  );
  if (!entry) return undefined;
  if (format !== 'staged' && entry.format !== format) return undefined;
  // A uid the server gave again to another message (after a folder was rebuilt) is not this message.
  if (entry.messageId && message.messageId && entry.messageId !== message.messageId) return undefined;
  if (message.size !== null && entry.size < message.size) return undefined;
  return entry;
}

/** Per folder: on the server, in the backup, failed, gone; complete only when nothing listed is missing. */
export function buildReport(input: {
  folders: readonly FolderInRun[];
  manifest: Manifest;
  format: BackupFormat;
  failed: readonly FailedMessage[];
  startedAt: string;
  finishedAt: string;
  fetched: number;
  bytesFetched: number;
}): BackupReport {
  const outcomes: FolderOutcome[] = [];
  const gone: BackupReport['gone'] = [];
  let missing = 0;
  for (const folder of input.folders) {
    const failedHere = input.failed.filter((f) => f.mailbox === folder.mailbox && f.folderPath === folder.folderPath);
    if (!folder.listing) {
      outcomes.push({
        mailbox: folder.mailbox,
        folderPath: folder.folderPath,
        onServer: folder.totalCount ?? 0,
        inBackup: 0,
        failed: failedHere.length,
        gone: 0,
      });
      missing += Math.max(1, folder.totalCount ?? 0);
      continue;
    }
    let inBackup = 0;
    for (const message of folder.listing.messages) {
      if (vouchedEntry(input.manifest, input.format, folder.mailboxUuid, message)) inBackup++;
    }
    const goneHere: BackupReport['gone'] = [];
    for (const entry of input.manifest.entries()) {
      if (entry.format !== input.format || entry.mailboxUuid !== folder.mailboxUuid) continue;
      if (entry.folderId !== folder.folderId || folder.listing.onServer.has(entry.uid)) continue;
      goneHere.push({
        mailbox: folder.mailbox,
        folderPath: folder.folderPath,
        uid: entry.uid,
        subject: entry.subject,
        path: entry.path,
      });
    }
    gone.push(...goneHere);
    missing += folder.listing.messages.length - inBackup;
    outcomes.push({
      mailbox: folder.mailbox,
      folderPath: folder.folderPath,
      onServer: folder.listing.messages.length,
      inBackup,
      failed: failedHere.length,
      gone: goneHere.length,
    });
  }
  return {
    complete: missing === 0 && input.failed.length === 0,
    folders: outcomes,
    failed: [...input.failed],
    gone,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    fetched: input.fetched,
    bytesFetched: input.bytesFetched,
  };
}

/** How many listed messages are not in the backup. */
export function missingCount(report: BackupReport): number {
  return report.folders.reduce((sum, folder) => sum + Math.max(0, folder.onServer - folder.inBackup), 0);
}
