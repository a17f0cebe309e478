import type { Page } from 'playwright-core';
import type { BenchSession } from './bench-session';

/**
 * The backup page as a user drives it, for the backup bench: opened in a tab of its own, every mailbox but the one
 * measured unticked, a folder picked, "Start backup" clicked, and the end awaited where the page shows it. Nothing
 * of the engine is touched: what the bench knows of a backup is what the page shows and what lies in the folder.
 *
 * Chrome's folder picker cannot be answered headless, so the page's `showDirectoryPicker` is answered with a
 * folder of the origin-private file system (a directory handle like one on disk: the engine runs the same code).
 */

export const BACKUP_END_TIMEOUT_MS = 600_000;

export async function openBackupPage(session: BenchSession, folderName: string): Promise<Page> {
  const page = await session.browser.context.newPage();
  // A string, not a function: tsx's keepNames would wrap the inner function in a helper the page does not have.
  await page.addInitScript(
    `Object.defineProperty(window, 'showDirectoryPicker', { configurable: true, value: async () =>` +
      ` (await navigator.storage.getDirectory()).getDirectoryHandle(${JSON.stringify(folderName)}, { create: true }) });`,
  );
  await page.goto(session.browser.extensionUrl('backup.html'));
  await page.getByTestId('backup-tree').waitFor({ timeout: 60_000 });
  return page;
}

/** Unticks every mailbox but `email`, picks the folder and checks the page counts the messages the bench expects. */
export async function chooseOnly(page: Page, email: string, expectedMessages: number): Promise<void> {
  const mailboxes = await page
    .locator('[data-mailbox]')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-mailbox')!));
  for (const other of new Set(mailboxes)) {
    if (other === email) continue;
    await page.locator(`[data-mailbox="${other}"] .backup-mailbox-row input[type=checkbox]`).first().uncheck();
  }
  await page.getByTestId('backup-pick').click();
  await page.getByTestId('backup-picked').or(page.getByTestId('backup-problem')).waitFor({ timeout: 10_000 });
  const problem = page.getByTestId('backup-problem');
  if (await problem.isVisible()) throw new Error(`picking the folder: ${await problem.innerText()}`);
  const total = Number(await page.getByTestId('backup-total').getAttribute('data-messages'));
  if (total !== expectedMessages) {
    throw new Error(`the backup page offers ${total} messages, the bench expected ${expectedMessages}`);
  }
}

export interface BackupEnd {
  complete: boolean;
  verdict: string;
}

/** Waits for the page's result panel, however the backup ended, and says whether the page calls it complete. */
export async function backupEnd(page: Page, timeoutMs = BACKUP_END_TIMEOUT_MS): Promise<BackupEnd> {
  const result = page.getByTestId('backup-result');
  await Promise.race([
    result.waitFor({ timeout: timeoutMs }),
    page
      .getByTestId('backup-failed')
      .waitFor({ timeout: timeoutMs })
      .then(async () => {
        throw new Error(`the backup stopped: ${await page.getByTestId('backup-failed').innerText()}`);
      }),
  ]);
  return {
    complete: (await result.getAttribute('data-complete')) === 'true',
    verdict: (await page.getByTestId('backup-verdict').textContent()) ?? '',
  };
}

/** "1,234 of 2,000" on the progress panel: the first number; 0 before the panel shows one. */
export async function messagesDone(page: Page): Promise<number> {
  const text =
    (await page
      .getByTestId('backup-messages-done')
      .textContent({ timeout: 1000 })
      .catch(() => '')) ?? '';
  const first = /^[\d.,\s\u00a0\u202f']+/.exec(text)?.[0] ?? '0';
  return Number(first.replace(/\D/g, '')) || 0;
}

/**
 * The .eml files with content under a folder of the origin-private file system, counted from the page (not hashed:
 * fast). Empty ones are left out: a file being downloaded is empty until its writer closes (the bytes go to a swap
 * file), so a closed tab leaves one for each download in flight.
 */
export function emlFilesIn(page: Page, folderName: string): Promise<number> {
  return page.evaluate(async (name) => {
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle(name);
    // No named inner functions in the page's code: tsx's keepNames would wrap them in a helper the page lacks.
    let count = 0;
    const toVisit = [root];
    for (let dir = toVisit.pop(); dir; dir = toVisit.pop()) {
      for await (const [entry, handle] of dir.entries()) {
        if (handle.kind === 'directory') toVisit.push(handle as FileSystemDirectoryHandle);
        else if (entry.endsWith('.eml') && (await (handle as FileSystemFileHandle).getFile()).size > 0) count++;
      }
    }
    return count;
  }, folderName);
}

/** Deletes a backup folder of the origin-private file system (gigabytes, for the memory row). */
export async function removeBrowserStorageFolder(page: Page, folderName: string): Promise<void> {
  await page.evaluate(async (name) => {
    await (await navigator.storage.getDirectory()).removeEntry(name, { recursive: true }).catch(() => undefined);
  }, folderName);
}
