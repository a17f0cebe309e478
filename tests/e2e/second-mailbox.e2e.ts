import { simpleParser } from 'mailparser';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ANNA, LEA } from '../replica/corpus/mailboxes';
import { savedFileOf, unzip } from './support/downloads';
import { KSUITE_URL, MAIL_URL, signedInBrowser, TOOLBAR, waitForMailFrame } from './support/fixtures';
import type { ExtensionBrowser } from './support/launch';
import type { ReplicaClient } from './support/replica-client';
import { WEBMAIL_SELECTORS } from '../../src/ksuite/selectors';

// A user with several mailboxes. The webmail numbers them in its URLs (primary first, then by address:
// anna.meier@ = 0, lea.rossi@ = 1, support@ = 2) and names a folder as `/{index};fid={folderId}`, the form
// Infomaniak's iOS app links to. Folder ids are the same in every mailbox (they encode the path) and uids count
// from 1 in every folder, so an action that picked the wrong mailbox would quietly save another person's message
// under the same uid: each test compares the bytes and reads the replica's log for the mailbox asked.

const ATTACHMENT = 'Vertrag Rossi.txt';
const ATTACHMENT_TEXT = 'Nur im Postfach von Lea.\r\n';
const SUBJECT = 'Vertrag fuer Lea';

function messageForLea(): Uint8Array {
  const boundary = 'lea-boundary';
  return Buffer.from(
    [
      'From: Studio Kunde <kunde@example.net>',
      `To: ${LEA}`,
      `Subject: ${SUBJECT}`,
      'Date: Thu, 03 Dec 2026 09:15:00 +0100',
      'Message-ID: <vertrag-lea@example.net>',
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Anbei der Vertrag.',
      `--${boundary}`,
      `Content-Type: text/plain; charset=utf-8; name="${ATTACHMENT}"`,
      `Content-Disposition: attachment; filename="${ATTACHMENT}"`,
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(ATTACHMENT_TEXT).toString('base64'),
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
}

let browser: ExtensionBrowser;
let replica: ReplicaClient;
let page: Page;
let raw: Uint8Array;
let delivered: { folderId: string; mailboxUuid: string; shortUid: number };
let primaryUuid: string;

beforeAll(async () => {
  ({ browser, replica } = await signedInBrowser());
});
afterAll(() => browser?.close());
beforeEach(async () => {
  await replica.reset();
  raw = messageForLea();
  delivered = await replica.deliver({ mailbox: LEA, raw: Buffer.from(raw).toString('base64') });
  primaryUuid = (await replica.deliver({ mailbox: ANNA })).mailboxUuid;
  await replica.clearRequests();
});

/** Mail API paths asked since the last clear, and whether any named a mailbox other than Lea's. */
async function mailboxesAsked(): Promise<{ lea: number; others: string[] }> {
  const paths = (await replica.requests()).map((entry) => entry.path).filter((p) => p.startsWith('/api/mail/'));
  return {
    lea: paths.filter((p) => p.startsWith(`/api/mail/${delivered.mailboxUuid}/`)).length,
    others: paths.filter((p) => !p.startsWith(`/api/mail/${delivered.mailboxUuid}/`)),
  };
}

async function openLeasMessage(where: Page | Frame) {
  await where.locator(WEBMAIL_SELECTORS.listRow, { hasText: SUBJECT }).first().click();
  const toolbar = where.locator(TOOLBAR).last();
  await toolbar.waitFor();
  return toolbar;
}

describe('the second mailbox, opened by its real folder URL', () => {
  it('every action acts on that mailbox’s message', async () => {
    page = await browser.context.newPage();
    const folderUrl = `${MAIL_URL}/1;fid=${delivered.folderId}`;
    await page.goto(folderUrl);
    expect(page.url()).toBe(folderUrl);
    const toolbar = await openLeasMessage(page);
    await replica.clearRequests(); // what the webmail itself asked is not the extension's doing

    const eml = await savedFileOf(page, () => toolbar.locator('button[data-action="eml"]').click());
    expect(Buffer.from(eml.bytes).equals(Buffer.from(raw))).toBe(true);
    expect(eml.name).toMatch(new RegExp(` – ${SUBJECT}\\.eml$`));

    const zip = await savedFileOf(page, () => toolbar.locator('button[data-action="zip"]').click());
    const files = await unzip(zip.bytes);
    expect([...files.keys()]).toEqual([ATTACHMENT]);
    expect(Buffer.from(files.get(ATTACHMENT)!).toString()).toBe(ATTACHMENT_TEXT);

    await toolbar.locator('button[data-action="headers"]').click();
    const report = toolbar.getByTestId('header-report');
    await report.waitFor();
    expect(await report.textContent()).toContain('kunde@example.net');

    const asked = await mailboxesAsked();
    expect(asked.others).toEqual([]);
    expect(asked.lea).toBeGreaterThan(0);
    await page.close();
  });

  it('and in the kSuite shell, which frames the mail app with its own query', async () => {
    page = await browser.context.newPage();
    await page.goto(`${KSUITE_URL}/all/mail/1`);
    const frame = await waitForMailFrame(page);
    expect(new URL(frame.url()).searchParams.get('ksuite-mode')).not.toBeNull();
    const toolbar = await openLeasMessage(frame);
    await replica.clearRequests();

    const eml = await savedFileOf(page, () => toolbar.locator('button[data-action="eml"]').click());
    expect(Buffer.from(eml.bytes).equals(Buffer.from(raw))).toBe(true);
    expect((await mailboxesAsked()).others).toEqual([]);
    await page.close();
  });

  it('the primary mailbox still gets its own message under the same uid', async () => {
    // The control: the same folder id and uid in mailbox 0 is someone else's message.
    const anna = await replica.deliver({ mailbox: ANNA, raw: Buffer.from(raw).toString('base64') });
    expect(anna.mailboxUuid).toBe(primaryUuid);
    page = await browser.context.newPage();
    await page.goto(`${MAIL_URL}/0;fid=${anna.folderId}`);
    const toolbar = await openLeasMessage(page);
    await replica.clearRequests();
    const eml = await savedFileOf(page, () => toolbar.locator('button[data-action="eml"]').click());
    const parsed = await simpleParser(Buffer.from(eml.bytes));
    expect(parsed.subject).toBe(SUBJECT);
    const paths = (await replica.requests()).map((entry) => entry.path).filter((p) => p.startsWith('/api/mail/'));
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((p) => p.startsWith(`/api/mail/${primaryUuid}/`))).toBe(true);
    await page.close();
  });
});
