import { safeFileName } from '../mail/safe-file-name';

/**
 * Where each thing lives in a backup folder. Paths are lists of safe names (never a '/' inside one); the manifest
 * and the report write them joined with '/', relative to the backup folder.
 *
 *   {mailbox email}/{folder path}/YYYY-MM-DD HHmm – subject.eml     (.eml format)
 *   {mailbox email}/{folder path}.mbox                             (mbox format)
 *   manifest.jsonl, backup-report.html, index.csv                  (proof, at the top)
 *   .backup-work/                                                  (journal segments, staged downloads)
 */

export const MANIFEST_FILE = 'manifest.jsonl';
export const REPORT_FILE = 'backup-report.html';
export const INDEX_FILE = 'index.csv';
export const WORK_FOLDER = '.backup-work';
export const JOURNAL_FOLDER = 'journal';
export const STAGING_FOLDER = 'staging';

/** The folder holding a mailbox's backup. */
export function mailboxSegment(email: string): string {
  return safeFileName(email, { fallbackBase: 'mailbox' });
}

/** A server folder path ("Projects/2026") as nested safe names. */
export function folderSegments(folderPath: string, separator = '/'): string[] {
  const parts = folderPath.split(separator).filter((part) => part !== '');
  return (parts.length > 0 ? parts : [folderPath]).map((part) => safeFileName(part, { fallbackBase: 'folder' }));
}

/** The folder the .eml files of a server folder go into. */
export function emlFolder(email: string, folderPath: string): string[] {
  return [mailboxSegment(email), ...folderSegments(folderPath)];
}

/** The mbox file of a server folder: its last name gets ".mbox", beside the folders of its subfolders. */
export function mboxPath(email: string, folderPath: string): string[] {
  const segments = folderSegments(folderPath);
  const last = segments.pop()!;
  return [mailboxSegment(email), ...segments, safeFileName(`${last}.mbox`)];
}

export function joinPath(segments: readonly string[]): string {
  return segments.join('/');
}

export function splitPath(path: string): string[] {
  return path.split('/');
}
