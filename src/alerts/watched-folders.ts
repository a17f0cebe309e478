import type { Folder, FolderRole } from '../ksuite/types';
import type { WatchedFolders } from '../settings';

/** A folder as the alerts keep it between polls: flat, with its depth for indented lists. */
export interface FolderSummary {
  id: string;
  name: string;
  path: string;
  role: FolderRole | null;
  unread: number;
  depth: number;
}

/** Mail there is either the user's own or unwanted: never worth an alert, whatever the settings say. */
export const NEVER_ALERT_ROLES: ReadonlySet<FolderRole> = new Set([
  'SPAM',
  'TRASH',
  'SENT',
  'DRAFT',
  'SCHEDULED_DRAFTS',
]);

export function flattenFolders(tree: readonly Folder[], depth = 0): FolderSummary[] {
  return tree.flatMap((folder) => [
    { id: folder.id, name: folder.name, path: folder.path, role: folder.role, unread: folder.unread_count ?? 0, depth },
    ...flattenFolders(folder.children ?? [], depth + 1),
  ]);
}

/** The folders a user may choose to watch (the options page lists these). */
export function watchableFolders(folders: readonly FolderSummary[]): FolderSummary[] {
  return folders.filter((folder) => !folder.role || !NEVER_ALERT_ROLES.has(folder.role));
}

/** The folders of one mailbox that are watched: the user's choice, or its INBOX when the user never chose. */
export function watchedFoldersOf(
  mailboxUuid: string,
  folders: readonly FolderSummary[],
  watched: WatchedFolders,
): FolderSummary[] {
  const chosen = watched[mailboxUuid];
  const picked =
    chosen === undefined ? folders.filter((f) => f.role === 'INBOX') : folders.filter((f) => chosen.includes(f.id));
  return watchableFolders(picked);
}

/** Whether this mailbox's check needs the folder list every time (the cheap mailbox count covers only its INBOX). */
export function watchesBeyondInbox(
  mailboxUuid: string,
  folders: readonly FolderSummary[],
  watched: WatchedFolders,
): boolean {
  return watchedFoldersOf(mailboxUuid, folders, watched).some((folder) => folder.role !== 'INBOX');
}
