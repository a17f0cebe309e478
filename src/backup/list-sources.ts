import type { KsuiteApiClient } from '../ksuite/api-client';
import type { Folder } from '../ksuite/types';
import type { BackupFolder, BackupMailbox } from './contract';

/** Every mailbox the session (or token) can read, each with its folder tree flattened depth-first. */
export async function listBackupSources(api: KsuiteApiClient, signal?: AbortSignal): Promise<BackupMailbox[]> {
  const mailboxes = await api.mailboxes(signal);
  const sources: BackupMailbox[] = [];
  for (const mailbox of mailboxes) {
    const folders = await api.folders(mailbox.uuid, signal);
    sources.push({ uuid: mailbox.uuid, email: mailbox.email, folders: flattenFolders(folders) });
  }
  return sources;
}

/** Parents before their children, in the server's order. */
export function flattenFolders(folders: readonly Folder[], depth = 0, into: BackupFolder[] = []): BackupFolder[] {
  for (const folder of folders) {
    into.push({
      id: folder.id,
      path: folder.path,
      name: folder.name,
      role: folder.role,
      depth,
      totalCount: folder.total_count,
    });
    flattenFolders(folder.children, depth + 1, into);
  }
  return into;
}
