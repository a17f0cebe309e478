import type { StoredFolder, StoredMailbox } from './mail-store.ts';

// Every `resource` the JSON hands out, built in one place so routes and links cannot drift apart.
// Folder ids go in verbatim (they may hold '+' and '/'), as the real resources do; the router copes.

export function folderResource(mailbox: StoredMailbox, folder: StoredFolder): string {
  return `/api/mail/${mailbox.uuid}/folder/${folder.id}`;
}

export function messageResource(mailbox: StoredMailbox, folder: StoredFolder, uid: number): string {
  return `${folderResource(mailbox, folder)}/message/${uid}`;
}

export function downloadResource(mailbox: StoredMailbox, folder: StoredFolder, uid: number): string {
  return `${messageResource(mailbox, folder, uid)}/download`;
}

export function attachmentResource(mailbox: StoredMailbox, folder: StoredFolder, uid: number, partId: string): string {
  return `${messageResource(mailbox, folder, uid)}/attachment/${partId}`;
}

export function apiUid(folder: StoredFolder, uid: number): string {
  return `${uid}@${folder.id}`;
}
