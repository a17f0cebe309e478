import type { Page } from 'playwright-core';

export interface LocatedFolder {
  mailboxUuid: string;
  folderId: string;
  /** Messages in the folder, as the folder tree counts them. */
  totalCount: number;
}

export interface LocatedMessage extends LocatedFolder {
  /** The number in `{shortUid}@{folderId}`, what the webmail's thread URL takes. */
  shortUid: string;
  /** API path of the message JSON (the server-made attachments archive is below it). */
  resource: string;
  /** API path of the raw .eml bytes. */
  downloadResource: string;
}

/**
 * Finds a folder of the primary mailbox the way any API client would, from the page (its session cookie, its
 * origin): the mailbox list, then that mailbox's folder tree. The page must be on the mail host.
 */
export function locateFolder(page: Page, folderPath: string): Promise<LocatedFolder> {
  // No named inner functions here: tsx's keepNames would wrap them in a helper the page does not have.
  return page.evaluate(async (path) => {
    interface Folder {
      id: string;
      path: string;
      total_count: number;
      children: Folder[];
    }
    const mailboxesResponse = await fetch('/api/mailbox', { credentials: 'include' });
    if (!mailboxesResponse.ok) throw new Error(`/api/mailbox: ${mailboxesResponse.status}`);
    const mailboxes = ((await mailboxesResponse.json()) as { data: { uuid: string; is_primary: boolean }[] }).data;
    const mailbox = mailboxes.find((m) => m.is_primary);
    if (!mailbox) throw new Error('no primary mailbox');
    const foldersUrl = `/api/mail/${mailbox.uuid}/folder`;
    const foldersResponse = await fetch(foldersUrl, { credentials: 'include' });
    if (!foldersResponse.ok) throw new Error(`${foldersUrl}: ${foldersResponse.status}`);
    const pending = [...((await foldersResponse.json()) as { data: Folder[] }).data];
    let folder: Folder | undefined;
    while (!folder && pending.length > 0) {
      const next = pending.shift()!;
      if (next.path === path) folder = next;
      else pending.push(...next.children);
    }
    if (!folder) throw new Error(`no folder ${path}`);
    return { mailboxUuid: mailbox.uuid, folderId: folder.id, totalCount: folder.total_count };
  }, folderPath);
}

/** Then the folder's message list (threads off, first page), for the message with that subject. */
export async function locateMessage(
  page: Page,
  target: { folderPath: string; subject: string },
): Promise<LocatedMessage> {
  const folder = await locateFolder(page, target.folderPath);
  const message = await page.evaluate(
    async ({ listUrl, subject }) => {
      interface Message {
        uid: string;
        subject: string;
        resource: string;
        download_resource: string;
      }
      const response = await fetch(listUrl, { credentials: 'include' });
      if (!response.ok) throw new Error(`${listUrl}: ${response.status}`);
      const list = ((await response.json()) as { data: { threads: { messages: Message[] }[] } }).data;
      return list.threads.flatMap((thread) => thread.messages).find((m) => m.subject === subject) ?? null;
    },
    {
      listUrl: `/api/mail/${folder.mailboxUuid}/folder/${folder.folderId}/message?thread=off`,
      subject: target.subject,
    },
  );
  if (!message) throw new Error(`no message "${target.subject}" in ${target.folderPath}`);
  return {
    ...folder,
    shortUid: message.uid.split('@')[0]!,
    resource: message.resource,
    downloadResource: message.download_resource,
  };
}

/** The webmail's own URL of a folder's list (folder ids hold '+' and '/', hence the encoding). */
export function folderUrl(origin: string, folderId: string, mailboxIndex = 0): string {
  return `${origin}/${mailboxIndex};fid=${encodeURIComponent(folderId)}`;
}

/** The webmail's own URL of an opened thread. */
export function threadUrl(origin: string, folderId: string, shortUid: string, mailboxIndex = 0): string {
  return `${folderUrl(origin, folderId, mailboxIndex)}/thread/${encodeURIComponent(shortUid)}`;
}
