import type { Page } from 'playwright-core';
import { MAIL_URL } from './bench-session';

/**
 * The backup bench's floor: the same raw messages fetched plainly from the same extension page, with the same
 * session and parallelism, every body read to its end and thrown away. Listed by the bench itself through the
 * public API (the apps' uid list and details routes), not by the engine, so the floor does not depend on it.
 */

export interface RawMessage {
  /** The `…/download` path on the mail host. */
  path: string;
  size: number;
}

export interface ListedMailbox {
  uuid: string;
  /** Every folder of the mailbox, empty ones included. */
  folders: number;
  messages: RawMessage[];
}

/** Every message of the mailbox `email`, listed from `page` with the browser's session. */
export function listRawMessages(page: Page, email: string): Promise<ListedMailbox> {
  // No named inner functions in the page's code: tsx's keepNames would wrap them in a helper the page does not have.
  return page.evaluate(
    async ({ email, origin }) => {
      const mailboxes = (await (await fetch(origin + '/api/mailbox', { credentials: 'include' })).json()).data as {
        uuid: string;
        email: string;
      }[];
      const mailbox = mailboxes.find((m) => m.email === email);
      if (!mailbox) throw new Error(`no mailbox ${email}`);
      const base = `/api/mail/${encodeURIComponent(mailbox.uuid)}`;
      type FolderJson = { id: string; children?: FolderJson[] };
      const folders: string[] = [];
      const toVisit = [
        ...((await (await fetch(`${origin}${base}/folder`, { credentials: 'include' })).json()).data as FolderJson[]),
      ];
      while (toVisit.length > 0) {
        const folder = toVisit.shift()!;
        folders.push(folder.id);
        toVisit.unshift(...(folder.children ?? []));
      }
      const messages: { path: string; size: number }[] = [];
      for (const folder of folders) {
        const at = `${base}/folder/${encodeURIComponent(folder)}`;
        const uids = (
          (
            await (
              await fetch(`${origin}${at}/mobile/date-ordered-messages-uids?messages=10000&direction=desc`, {
                credentials: 'include',
              })
            ).json()
          ).data as {
            messages_uids: number[];
          }
        ).messages_uids;
        for (let i = 0; i < uids.length; i += 200) {
          const batch = uids.slice(i, i + 200).join(',');
          const details = (
            await (await fetch(`${origin}${at}/mobile/messages?uids=${batch}`, { credentials: 'include' })).json()
          ).data as {
            messages: { uid: string; size: number }[];
          };
          for (const message of details.messages) {
            const shortUid = message.uid.split('@')[0]!;
            messages.push({ path: `${at}/message/${encodeURIComponent(shortUid)}/download`, size: message.size });
          }
        }
      }
      return { uuid: mailbox.uuid, folders: folders.length, messages };
    },
    { email, origin: MAIL_URL },
  );
}

/** Fetches every message `parallelism` at a time, reading each body to its end; the bytes read. */
export function fetchRawMessages(page: Page, messages: readonly RawMessage[], parallelism: number): Promise<number> {
  return page.evaluate(
    async ({ paths, parallelism, origin }) => {
      let next = 0;
      let bytes = 0;
      await Promise.all(
        Array.from({ length: parallelism }, async () => {
          while (next < paths.length) {
            const path = paths[next++]!;
            const response = await fetch(origin + path, { credentials: 'include' });
            if (!response.ok || !response.body) throw new Error(`${path}: ${response.status}`);
            const reader = response.body.getReader();
            for (;;) {
              const chunk = await reader.read();
              if (chunk.done) break;
              bytes += chunk.value.byteLength;
            }
          }
        }),
      );
      return bytes;
    },
    { paths: messages.map((m) => m.path), parallelism, origin: MAIL_URL },
  );
}

/**
 * The same fetch, each body taken in as a Blob (as the backup takes it) and written into a file of its own in the
 * origin-private folder `folderName` (made, and removed afterwards): a handle, a writable, one write, its close.
 * Nothing else (no hash, no manifest): what the browser's per-file work adds to a fetch by itself. The bytes written.
 */
export function fetchRawMessagesIntoFiles(
  page: Page,
  messages: readonly RawMessage[],
  parallelism: number,
  folderName: string,
): Promise<number> {
  return page.evaluate(
    async ({ paths, parallelism, origin, folderName }) => {
      const storage = await navigator.storage.getDirectory();
      const folder = await storage.getDirectoryHandle(folderName, { create: true });
      let next = 0;
      let bytes = 0;
      await Promise.all(
        Array.from({ length: parallelism }, async () => {
          while (next < paths.length) {
            const index = next++;
            const response = await fetch(origin + paths[index]!, { credentials: 'include' });
            if (!response.ok) throw new Error(`${paths[index]}: ${response.status}`);
            const body = await response.blob();
            const writable = await (await folder.getFileHandle(`${index}.eml`, { create: true })).createWritable();
            await writable.write(body);
            await writable.close();
            bytes += body.size;
          }
        }),
      );
      await storage.removeEntry(folderName, { recursive: true });
      return bytes;
    },
    { paths: messages.map((m) => m.path), parallelism, origin: MAIL_URL, folderName },
  );
}
