import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, CORPUS_MAILBOXES, folderPaths } from '../replica/corpus/index';
import { sha256, unzipTest, zipEntryHashes } from '../e2e/support/backup-files';
import type { ReplicaClient } from '../e2e/support/replica-client';
import { openExtensionPage } from './support/extension-page';
import { signedInFirefox } from './support/fixtures';
import type { FirefoxWithExtension } from './support/launch-firefox';

// Firefox has no folder picker: the backup page writes the backup into the browser's origin-private file system
// and saves it as one .zip, packed on disk beside it. Read back by Python's zipfile and unzip -t, each .eml
// compared with the replica's raw message.

const corpus = buildCorpus();
let firefox: FirefoxWithExtension;
let replica: ReplicaClient;
let scratch: string;

beforeAll(async () => {
  let page: Page;
  ({ firefox, replica, page } = await signedInFirefox({ systemAccess: true }));
  await page.close();
  scratch = mkdtempSync(join(tmpdir(), 'backup-firefox-'));
});
afterAll(async () => {
  await firefox?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the backup page in Firefox', () => {
  it('backs up every mailbox into the browser storage and saves one .zip holding every message as sent', async () => {
    await replica.reset();
    const page = await openExtensionPage(firefox, 'backup.html', 'Back up your mailbox');
    await page.waitForSelector('[data-testid="backup-tree"]');
    expect(await page.$eval('[data-testid="backup-destination"]', (node) => node.getAttribute('data-route'))).toBe(
      'browser',
    );
    await page.click('[data-testid="backup-start"]');
    await page.waitForSelector('[data-testid="backup-result"]', { timeout: 120_000 });
    expect(await page.$eval('[data-testid="backup-result"]', (node) => node.getAttribute('data-complete'))).toBe(
      'true',
    );

    const saved = await firefox.downloads.savedFileOf(() => page.click('[data-testid="backup-save-zip"]'), 120_000);
    expect(saved.name).toMatch(/^kSuite Mail \d{4}-\d\d-\d\d \d{4}\.zip$/);
    const zipPath = join(scratch, 'backup.zip');
    writeFileSync(zipPath, saved.bytes);
    expect(unzipTest(zipPath)).toContain('No errors detected');
    const entries = zipEntryHashes(zipPath);
    for (const mailbox of CORPUS_MAILBOXES) {
      for (const path of folderPaths(mailbox)) {
        const inZip = Object.entries(entries)
          .filter(
            ([name]) => name.endsWith('.eml') && name.slice(0, name.lastIndexOf('/')) === `${mailbox.email}/${path}`,
          )
          .map(([, hash]) => hash)
          .sort();
        const raw = corpus
          .filter((m) => m.mailbox === mailbox.email && m.folder === path)
          .map((m) => sha256(m.raw))
          .sort();
        expect(inZip, `${mailbox.email}/${path}`).toEqual(raw);
      }
    }
    await page.close();
  }, 180_000);
});
