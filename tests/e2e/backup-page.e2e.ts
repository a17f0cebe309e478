import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCorpus, CORPUS_MAILBOXES, folderPaths } from '../replica/corpus/index';
import {
  answerFolderPickerWith,
  asInMbox,
  filesInBrowserStorage,
  mboxMessageHashes,
  sha256,
  unzipTest,
  withoutFolderPicker,
  zipEntryHashes,
} from './support/backup-files';
import { savedFileOf } from './support/downloads';
import { signedInBrowser } from './support/fixtures';
import type { ExtensionBrowser } from './support/launch';
import type { ReplicaClient } from './support/replica-client';

// The backup page against the replica's demo account (three mailboxes): what it lists, and backups read back by
// readers that are not ours (WebCrypto hashes against the replica's raw messages, Python's mailbox and zipfile,
// unzip -t).

const corpus = buildCorpus();
/** The replica's raw messages of one folder, as SHA-256, sorted. */
const rawHashes = (mailbox: string, folder: string) =>
  corpus
    .filter((m) => m.mailbox === mailbox && m.folder === folder)
    .map((m) => sha256(m.raw))
    .sort();
const countIn = (mailbox: string, folder: string) =>
  corpus.filter((m) => m.mailbox === mailbox && m.folder === folder).length;

let browser: ExtensionBrowser;
let replica: ReplicaClient;
let page: Page | undefined;
let scratch: string;

beforeAll(async () => {
  ({ browser, replica } = await signedInBrowser());
  scratch = mkdtempSync(join(tmpdir(), 'backup-e2e-'));
});
afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(async () => {
  await page?.close();
  page = undefined;
  await replica.reset();
});

/** The backup page in a new tab, the folder picker answered with `pickerFolder` (or absent: the zip route). */
async function openBackupPage(picker: { folder: string } | 'none'): Promise<Page> {
  page = await browser.context.newPage();
  if (picker === 'none') await withoutFolderPicker(page);
  else await answerFolderPickerWith(page, picker.folder);
  await page.goto(browser.extensionUrl('backup.html'));
  await page.getByTestId('backup-tree').waitFor();
  return page;
}

async function runToTheEnd(page: Page): Promise<void> {
  await page.getByTestId('backup-start').click();
  await page.getByTestId('backup-result').waitFor({ timeout: 120_000 });
}

const mailboxBox = (page: Page, email: string) =>
  page.locator(`[data-mailbox="${email}"] .backup-mailbox-row input[type=checkbox]`);

describe('the backup page', () => {
  it('lists every mailbox with its folder tree and the server counts, all chosen, and totals them', async () => {
    const page = await openBackupPage({ folder: 'unused' });
    const listed = await page
      .locator('[data-mailbox]')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-mailbox')));
    expect(listed.sort()).toEqual(CORPUS_MAILBOXES.map((m) => m.email).sort());
    for (const mailbox of CORPUS_MAILBOXES) {
      const rows = page.locator(`[data-mailbox="${mailbox.email}"] label[data-folder]`);
      expect(await rows.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-folder')))).toEqual(
        folderPaths(mailbox),
      );
      for (const path of folderPaths(mailbox)) {
        const row = page.locator(`[data-mailbox="${mailbox.email}"] label[data-folder="${path}"]`);
        expect(await row.locator('.backup-count').textContent(), `${mailbox.email} ${path}`).toBe(
          String(countIn(mailbox.email, path)),
        );
        expect(await row.locator('input').isChecked()).toBe(true);
      }
    }
    // Nested folders are indented under their parent.
    const indent = (path: string) =>
      page
        .locator(`[data-mailbox="${CORPUS_MAILBOXES[0]!.email}"] label[data-folder="${path}"]`)
        .evaluate((n) => parseFloat(getComputedStyle(n).paddingInlineStart));
    expect(await indent('INBOX/Projects')).toBeGreaterThan(await indent('INBOX'));
    expect(await indent('INBOX/Projects/2026')).toBeGreaterThan(await indent('INBOX/Projects'));
    expect(await page.getByTestId('backup-total').getAttribute('data-messages')).toBe(String(corpus.length));

    // A mailbox's box clears its folders, and the total follows.
    await mailboxBox(page, CORPUS_MAILBOXES[0]!.email).uncheck();
    const anna = corpus.filter((m) => m.mailbox === CORPUS_MAILBOXES[0]!.email).length;
    expect(await page.getByTestId('backup-total').getAttribute('data-messages')).toBe(String(corpus.length - anna));
    expect(
      await page.locator(`[data-mailbox="${CORPUS_MAILBOXES[0]!.email}"] label[data-folder] input:checked`).count(),
    ).toBe(0);
  });

  it('"Start backup" waits for a folder on browsers with a picker, and a backwards date range is refused', async () => {
    const page = await openBackupPage({ folder: 'unused' });
    expect(await page.getByTestId('backup-start').isDisabled()).toBe(true);
    await page.getByTestId('backup-pick').click();
    await expect.poll(() => page.getByTestId('backup-picked').textContent()).toContain('unused');
    expect(await page.getByTestId('backup-start').isDisabled()).toBe(false);
    await page.getByTestId('backup-from').fill('2026-03-02');
    await page.getByTestId('backup-to').fill('2026-03-01');
    expect(await page.getByRole('alert').textContent()).toContain('start date is after the end date');
    expect(await page.getByTestId('backup-start').isDisabled()).toBe(true);
  });

  it('a browser that can neither pick a folder nor write in its own storage (Safari before 26) says so and cannot start', async () => {
    page = await browser.context.newPage();
    await withoutFolderPicker(page);
    await page.addInitScript(() => {
      delete (FileSystemFileHandle.prototype as { createWritable?: unknown }).createWritable;
    });
    await page.goto(browser.extensionUrl('backup.html'));
    await page.getByTestId('backup-tree').waitFor();
    expect(await page.getByTestId('backup-cannot-write').textContent()).toContain('Safari 26 or later');
    expect(await page.getByTestId('backup-start').isDisabled()).toBe(true);
  });

  it('while the folders are listed, says how many messages it found so far rather than "0 of 0"', async () => {
    // Slow answers, so that the listing lasts long enough to be seen.
    await replica.setLatency(300);
    try {
      const page = await openBackupPage({ folder: 'listing-backup' });
      await page.getByTestId('backup-pick').click();
      await page.getByTestId('backup-start').click();
      const listed = page.getByTestId('backup-messages-listed');
      await expect.poll(() => listed.textContent(), { timeout: 30_000 }).toMatch(/^[1-9]\d* found so far$/);
      expect(await page.getByTestId('backup-messages-done').count()).toBe(0);
      // Once listed, the count is of messages done out of all of them.
      await expect
        .poll(
          () =>
            page
              .getByTestId('backup-messages-done')
              .textContent({ timeout: 1000 })
              .catch(() => ''),
          {
            timeout: 60_000,
          },
        )
        .toMatch(new RegExp(`^\\d+ of ${corpus.length}$`));
      await page.getByTestId('backup-cancel').click();
    } finally {
      await replica.setLatency(0);
    }
  }, 120_000);

  it('backs up every message as .eml into the picked folder, byte for byte, folders mirrored, and says "Complete"', async () => {
    const page = await openBackupPage({ folder: 'eml-backup' });
    await page.getByTestId('backup-pick').click();
    await runToTheEnd(page);
    expect(await page.getByTestId('backup-result').getAttribute('data-complete')).toBe('true');
    expect(await page.getByTestId('backup-verdict').textContent()).toContain('Complete');

    const files = await filesInBrowserStorage(page, 'eml-backup');
    const emlByFolder = new Map<string, string[]>();
    for (const file of files.filter((f) => f.path.endsWith('.eml'))) {
      const folder = file.path.slice(0, file.path.lastIndexOf('/'));
      emlByFolder.set(folder, [...(emlByFolder.get(folder) ?? []), file.sha256]);
    }
    const expected = new Map<string, string[]>();
    for (const mailbox of CORPUS_MAILBOXES) {
      for (const path of folderPaths(mailbox)) {
        if (countIn(mailbox.email, path) > 0) expected.set(`${mailbox.email}/${path}`, rawHashes(mailbox.email, path));
      }
    }
    expect(new Map([...emlByFolder].map(([folder, hashes]) => [folder, hashes.sort()]))).toEqual(expected);

    // The proof on the page: per folder, what the server has is what the backup holds.
    for (const mailbox of CORPUS_MAILBOXES) {
      for (const path of folderPaths(mailbox)) {
        const cells = await page
          .locator(`tbody[data-mailbox="${mailbox.email}"] tr[data-folder="${path}"] td`)
          .allTextContents();
        expect(cells.slice(0, 2), `${mailbox.email} ${path}`).toEqual([
          String(countIn(mailbox.email, path)),
          String(countIn(mailbox.email, path)),
        ]);
      }
    }
  }, 180_000);

  it('backs up the chosen mailboxes as one mbox per folder that Python reads back message for message', async () => {
    const page = await openBackupPage({ folder: 'mbox-backup' });
    const [anna, ...others] = CORPUS_MAILBOXES;
    await mailboxBox(page, anna!.email).uncheck();
    await page.getByRole('radio', { name: /mbox/ }).check();
    await page.getByTestId('backup-pick').click();
    await runToTheEnd(page);
    expect(await page.getByTestId('backup-result').getAttribute('data-complete')).toBe('true');

    const files = await filesInBrowserStorage(page, 'mbox-backup', true);
    const mboxes = files.filter((f) => f.path.endsWith('.mbox'));
    expect(mboxes.some((f) => f.path.startsWith(`${anna!.email}/`))).toBe(false);
    let checked = 0;
    for (const mailbox of others) {
      for (const path of folderPaths(mailbox)) {
        const expected = corpus
          .filter((m) => m.mailbox === mailbox.email && m.folder === path)
          .map((m) => asInMbox(m.raw))
          .sort();
        const file = mboxes.find((f) => f.path === `${mailbox.email}/${path}.mbox`);
        if (expected.length === 0 && !file) continue;
        expect(file, `${mailbox.email}/${path}.mbox`).toBeDefined();
        const onDisk = join(scratch, `${checked}.mbox`);
        writeFileSync(onDisk, Buffer.from(file!.base64!, 'base64'));
        expect(mboxMessageHashes(onDisk).sort(), `${mailbox.email}/${path}`).toEqual(expected);
        checked += expected.length;
      }
    }
    expect(checked).toBe(corpus.filter((m) => m.mailbox !== anna!.email).length);
  }, 180_000);

  it('without a folder picker, backs up into the browser storage and saves one .zip that zipfile and unzip -t read', async () => {
    const page = await openBackupPage('none');
    expect(await page.getByTestId('backup-destination').getAttribute('data-route')).toBe('browser');
    expect(await page.getByTestId('backup-room').textContent()).toMatch(/\d/);
    await runToTheEnd(page);
    expect(await page.getByTestId('backup-result').getAttribute('data-complete')).toBe('true');

    const saved = await savedFileOf(page, () => page.getByTestId('backup-save-zip').click(), 120_000);
    expect(saved.name).toMatch(/^kSuite Mail \d{4}-\d\d-\d\d \d{4}\.zip$/);
    const zipPath = join(scratch, 'backup.zip');
    writeFileSync(zipPath, saved.bytes);
    expect(unzipTest(zipPath)).toContain('No errors detected');
    const entries = zipEntryHashes(zipPath);
    // The proof travels with the messages; the engine's work folder does not.
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(['manifest.jsonl', 'index.csv', 'backup-report.html']));
    expect(Object.keys(entries).filter((name) => name.startsWith('.backup-work/'))).toEqual([]);
    for (const mailbox of CORPUS_MAILBOXES) {
      for (const path of folderPaths(mailbox)) {
        const inZip = Object.entries(entries)
          .filter(
            ([name]) => name.endsWith('.eml') && name.slice(0, name.lastIndexOf('/')) === `${mailbox.email}/${path}`,
          )
          .map(([, hash]) => hash)
          .sort();
        expect(inZip, `${mailbox.email}/${path}`).toEqual(rawHashes(mailbox.email, path));
      }
    }
  }, 180_000);

  it('without a folder picker, each mbox file is saved on its own, and Python reads it back', async () => {
    const page = await openBackupPage('none');
    const [anna, lea] = CORPUS_MAILBOXES;
    await mailboxBox(page, anna!.email).uncheck();
    await page.getByRole('radio', { name: /mbox/ }).check();
    await runToTheEnd(page);
    const files = page.getByTestId('backup-mbox-files').locator('li');
    const inbox = files.filter({ hasText: `${lea!.email}/INBOX.mbox` });
    const saved = await savedFileOf(page, () => inbox.getByRole('button').click());
    expect(saved.name).toBe(`${lea!.email} – INBOX.mbox`);
    const onDisk = join(scratch, 'saved.mbox');
    writeFileSync(onDisk, saved.bytes);
    const expected = corpus
      .filter((m) => m.mailbox === lea!.email && m.folder === 'INBOX')
      .map((m) => asInMbox(m.raw))
      .sort();
    expect(expected.length).toBeGreaterThan(1);
    expect(mboxMessageHashes(onDisk).sort()).toEqual(expected);
  }, 180_000);

  it('a reopened page offers to resume into the remembered folder, and the resumed backup is complete', async () => {
    // Slow downloads, so that closing the tab cuts the backup off halfway.
    await replica.setLatency(150);
    const first = await openBackupPage({ folder: 'resumed-backup' });
    await first.getByTestId('backup-pick').click();
    await first.getByTestId('backup-start').click();
    await expect
      .poll(
        async () => Number((await first.getByTestId('backup-messages-done').textContent())?.match(/^\d+/)?.[0] ?? 0),
        { timeout: 60_000 },
      )
      .toBeGreaterThan(2);
    // The page asks before it goes while the backup runs; the user closes the tab anyway, which stops it.
    const asked = new Promise<string>((resolve) =>
      first.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.accept();
      }),
    );
    await first.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');
    page = undefined;
    await replica.setLatency(0);

    const again = await openBackupPage({ folder: 'somewhere-else' });
    const offer = again.getByTestId('backup-continue');
    expect(await offer.textContent()).toBe('Resume the backup in “resumed-backup”');
    await offer.click();
    await again.getByTestId('backup-result').waitFor({ timeout: 120_000 });
    expect(await again.getByTestId('backup-result').getAttribute('data-complete')).toBe('true');
    const emls = (await filesInBrowserStorage(again, 'resumed-backup')).filter((f) => f.path.endsWith('.eml'));
    expect(emls.map((f) => f.sha256).sort()).toEqual(corpus.map((m) => sha256(m.raw)).sort());
  }, 180_000);
});

describe('ways to the backup page', () => {
  it('the popup\'s "Back up mailbox…" opens it in a tab', async () => {
    const popup = await browser.openExtensionPage('popup.html');
    const opened = browser.context.waitForEvent('page');
    await popup.getByTestId('popup-backup').click();
    const backup = await opened;
    await backup.waitForLoadState();
    expect(backup.url()).toBe(browser.extensionUrl('backup.html'));
    expect(await backup.title()).toBe('Back up your mailbox');
    await backup.close();
  });

  it('the options page links to it', async () => {
    const options = await browser.openExtensionPage('options.html');
    expect(await options.getByTestId('options-backup').getAttribute('href')).toBe(browser.extensionUrl('backup.html'));
    await options.close();
  });
});

describe('the backup page in German', () => {
  it('names the special folders as the webmail does (Posteingang, Papierkorb …) and the user’s own as the server does', async () => {
    const { browser: german } = await signedInBrowser({ lang: 'de' });
    try {
      const page = await german.context.newPage();
      await answerFolderPickerWith(page, 'unused');
      await page.goto(german.extensionUrl('backup.html'));
      await page.getByTestId('backup-tree').waitFor();
      const anna = page.locator(`[data-mailbox="${CORPUS_MAILBOXES[0]!.email}"] label[data-folder]`);
      const shown = await anna.evaluateAll((rows) =>
        rows.map((row) => [row.getAttribute('data-folder'), row.querySelector('.backup-name')?.textContent]),
      );
      expect(Object.fromEntries(shown)).toEqual({
        INBOX: 'Posteingang',
        'INBOX/Projects': 'Projects',
        'INBOX/Projects/2026': '2026',
        Sent: 'Gesendete Nachrichten',
        Drafts: 'Entwürfe',
        Spam: 'Spam',
        Trash: 'Papierkorb',
        Archive: 'Archiv',
        Invoices: 'Invoices',
        Commercial: 'Werbung',
        'Social Networks': 'Soziale Netzwerke',
      });
    } finally {
      await german.close();
    }
  });
});
