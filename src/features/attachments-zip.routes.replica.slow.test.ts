import JSZip from 'jszip';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { KsuiteApiClient } from '../ksuite/api-client';
import { CurrentMailbox, inWebmailOrder } from '../ksuite/current-mailbox';
import { MessageSource } from '../ksuite/message-source';
import type { Folder } from '../ksuite/types';
import { parseMessageUid, type MessageRef } from '../ksuite/webmail-dom';
import { CORPUS_MAILBOXES } from '../../tests/replica/corpus/index';
import { filePart, multipart, renderMessage, textPart } from '../../tests/replica/corpus/mime-builder';
import { pdfLike, officeLike } from '../../tests/replica/corpus/files';
import { solidPng } from '../../tests/replica/corpus/png';
import { projectCorpus, startReplica, type Replica } from '../../tests/replica/index';
import { replicaFetch } from '../../tests/support/replica-fetch';
import type { ActionOutcome, MessageContext, SelectionContext } from './action';
import type { UserPreferences } from './shared/zip-preferences';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../tests/support/fake-browser')).testBrowser.browser,
}));

/** What reached the browser's downloads, in order. */
const saved: { data: Blob | Uint8Array | string; fileName: string }[] = [];
vi.mock('../page/save-file', () => ({
  saveFile: async (data: Blob | Uint8Array | string, fileName: string) => void saved.push({ data, fileName }),
}));

const { default: zipAction } = await import('./attachments-zip');

/**
 * "Attachments (.zip)" reaches a message's files by several routes: the server's archive, the raw message zipped in
 * the browser (with the server's archive turned off in the options, or because "Headers" already fetched the raw
 * message), and, for a selection, either of those per message. The same click with the same settings must save the
 * same files whatever the route: each corpus message, with each choice of inline images and nested messages, is
 * saved by every route, read back with jszip, and the routes' entries (names and bytes) compared.
 */

let replica: Replica;
let client: KsuiteApiClient;
let messages: { pageUrl: string; ref: MessageRef; subject: string }[];

/**
 * Two shapes of real mail the project corpus lacks, on which the server's description of the parts (the JSON's
 * disposition) and the browser's reading of the raw message part ways.
 */
function partingWays() {
  const mailbox = CORPUS_MAILBOXES[0]!.email;
  const headers = (id: string, subject: string, date: string) => [
    'From: Nora Keller <nora.keller@keller-ag.example>',
    `To: ${mailbox}`,
    `Subject: ${subject}`,
    `Date: ${date}`,
    `Message-ID: <${id}@keller-ag.example>`,
  ];
  const message = (id: string, internalDate: string, raw: Uint8Array) => ({
    id,
    mailbox,
    folder: 'INBOX',
    seen: true,
    flagged: false,
    internalDate,
    raw,
  });
  return [
    // Apple Mail sends files "inline" (shown in the text where they were dropped), without a Content-ID to show.
    message(
      'inline-pdf-without-cid',
      '2026-11-03T10:00:05Z',
      renderMessage(
        headers('inline-pdf-without-cid', 'Offerte und Plan', 'Tue, 03 Nov 2026 11:00:00 +0100'),
        multipart('mixed', [
          textPart('Guten Tag, anbei die Offerte.\n'),
          filePart({
            content: pdfLike(91, 3000),
            mimeType: 'application/pdf',
            name: 'Offerte.pdf',
            disposition: 'inline',
          }),
          filePart({
            content: officeLike(92, 4000),
            mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            name: 'Plan.xlsx',
          }),
        ]),
        'inline-pdf-without-cid',
      ),
    ),
    // A logo the HTML shows, in a multipart/mixed without multipart/related and without a Content-Disposition.
    message(
      'shown-image-without-disposition',
      '2026-11-03T10:05:05Z',
      renderMessage(
        headers('shown-image-without-disposition', 'Rechnung 2026-114', 'Tue, 03 Nov 2026 11:05:00 +0100'),
        multipart('mixed', [
          textPart('<p><img src="cid:logo@keller-ag.example"> Rechnung im Anhang.</p>\n', { subtype: 'html' }),
          filePart({
            content: solidPng(8, 8, [200, 30, 30]),
            mimeType: 'image/png',
            name: 'logo.png',
            disposition: 'none',
            contentId: 'logo@keller-ag.example',
          }),
          filePart({ content: pdfLike(93, 2500), mimeType: 'application/pdf', name: 'Rechnung 2026-114.pdf' }),
        ]),
        'shown-image-without-disposition',
      ),
    ),
  ];
}

beforeAll(async () => {
  const corpus = projectCorpus();
  replica = await startReplica({ corpus: { ...corpus, messages: [...corpus.messages, ...partingWays()] } });
  const { name, value } = replica.control.issueSessionCookie();
  client = new KsuiteApiClient({ fetch: replicaFetch(replica.port, { cookie: `${name}=${value}` }), backoffMs: 5 });
  messages = await everyMessage();
}, 120_000);
afterAll(() => replica?.close());
beforeEach(() => {
  saved.length = 0;
});

/** Every message of every folder of every mailbox, with the webmail URL that shows its mailbox. */
async function everyMessage() {
  const found: { pageUrl: string; ref: MessageRef; subject: string }[] = [];
  const mailboxes = inWebmailOrder(await client.mailboxes());
  for (const [index, mailbox] of mailboxes.entries()) {
    const folders: Folder[] = [];
    const walk = (list: readonly Folder[]) =>
      list.forEach((folder) => {
        folders.push(folder);
        walk(folder.children ?? []);
      });
    walk(await client.folders(mailbox.uuid));
    for (const folder of folders) {
      const { threads } = await client.threads(mailbox.uuid, folder.id, { limit: 200 });
      for (const message of threads.flatMap((thread) => thread.messages)) {
        found.push({
          pageUrl: `https://mail.infomaniak.com/${index}`,
          ref: parseMessageUid(message.uid)!,
          subject: message.subject ?? '',
        });
      }
    }
  }
  return found;
}

type Choice = Pick<UserPreferences, 'includeInlineImages' | 'nestedMessages'>;

const CHOICES: Choice[] = [
  { includeInlineImages: false, nestedMessages: 'eml' },
  { includeInlineImages: true, nestedMessages: 'eml' },
  { includeInlineImages: false, nestedMessages: 'expand' },
  { includeInlineImages: true, nestedMessages: 'expand' },
];

/** A page of the webmail: its own message source, so nothing fetched by one route helps another. */
function page(pageUrl: string) {
  return new MessageSource(client, new CurrentMailbox(client), () => pageUrl);
}

function context(source: MessageSource, choice: Choice, useServerArchive: boolean) {
  const preferences: UserPreferences = {
    ...choice,
    useServerArchive,
    fileNamesWithDate: true,
    layout: 'folder-per-message',
  };
  return {
    source,
    preferences: async () => preferences,
    signal: new AbortController().signal,
    onProgress: () => {},
  };
}

/** A route's result: the saved zip's entries (path → bytes, read with jszip), or the error the user was shown. */
type Result = { files: Map<string, string> } | { error: string };

async function outcome(run: () => Promise<ActionOutcome>, stripFolder = false): Promise<Result> {
  saved.length = 0;
  try {
    await run();
  } catch (error) {
    return { error: error instanceof Error ? error.name : String(error) };
  }
  expect(saved).toHaveLength(1);
  const { data } = saved[0]!;
  const zip = await JSZip.loadAsync(data instanceof Blob ? await data.arrayBuffer() : data, { checkCRC32: true });
  const files = new Map<string, string>();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    // A selection puts each message in its own folder ("date – subject"); what is inside is compared.
    const path = stripFolder ? entry.name.slice(entry.name.indexOf('/') + 1) : entry.name;
    files.set(path, Buffer.from(await entry.async('uint8array')).toString('base64'));
  }
  return { files };
}

/** Messages the first route saved from the server's archive alone, without the raw message. */
let servedFromArchive = 0;

/** Every route of "Attachments (.zip)" to one message's files, each on a fresh page. */
const ROUTES: Record<string, (pageUrl: string, ref: MessageRef, choice: Choice) => Promise<Result>> = {
  'the server archive': async (pageUrl, ref, choice) => {
    replica.control.clearRequestLog();
    const result = await outcome(() =>
      zipAction.message!.run({ ...context(page(pageUrl), choice, true), message: ref } as MessageContext),
    );
    await new Promise((resolve) => setTimeout(resolve, 20)); // the log is written once the answer is sent
    const paths = replica.control.requestLog().map((entry) => entry.path);
    if (
      paths.some((path) => path.includes('/attachmentsArchive')) &&
      !paths.some((path) => path.includes('/download'))
    ) {
      servedFromArchive++;
    }
    return result;
  },
  'the raw message, zipped in the browser': (pageUrl, ref, choice) =>
    outcome(() => zipAction.message!.run({ ...context(page(pageUrl), choice, false), message: ref } as MessageContext)),
  'the same click after "Headers"': async (pageUrl, ref, choice) => {
    const source = page(pageUrl);
    await source.raw(ref); // what "Headers" leaves on the page
    return outcome(() => zipAction.message!.run({ ...context(source, choice, true), message: ref } as MessageContext));
  },
  'a selection of it, from the server archive': (pageUrl, ref, choice) =>
    outcome(
      () => zipAction.selection!.run({ ...context(page(pageUrl), choice, true), messages: [ref] } as SelectionContext),
      true,
    ),
  'a selection of it, zipped in the browser': (pageUrl, ref, choice) =>
    outcome(
      () => zipAction.selection!.run({ ...context(page(pageUrl), choice, false), messages: [ref] } as SelectionContext),
      true,
    ),
};

/**
 * Where the server reads the raw message otherwise than the browser does, its archive holds what it read; the JSON
 * says the same, so nothing tells the browser beforehand. Each such message is listed with the reason, and the
 * difference must be exactly the one listed.
 */
const KNOWN_DISAGREEMENTS: Record<string, { reason: string; differences: string[] }> = {
  'Same boundary twice': {
    reason:
      'A nested multipart declares the boundary of its parent: the browser (postal-mime, as Python and Go) reads ' +
      "notes.txt as the outer multipart's epilogue, the replica's server (mailparser) as an attachment " +
      '(see mail/parse-message.mailparser.test.ts)',
    differences: [
      'Same boundary twice: the raw message, zipped in the browser against the server archive: a zip against NoAttachmentsError',
      'Same boundary twice: the same click after "Headers" against the server archive: a zip against NoAttachmentsError',
      'Same boundary twice: a selection of it, zipped in the browser against the server archive: a zip against BulkNoAttachmentsError',
    ],
  },
};

describe('"Attachments (.zip)" saves the same files whichever route it takes', () => {
  for (const choice of CHOICES) {
    const label = `inline images ${choice.includeInlineImages ? 'in' : 'out'}, nested messages ${choice.nestedMessages}`;
    it(`for every corpus message, ${label}`, async () => {
      servedFromArchive = 0;
      const differences: string[] = [];
      for (const { pageUrl, ref, subject } of messages) {
        const before = differences.length;
        const results = new Map<string, Result>();
        for (const [route, save] of Object.entries(ROUTES)) results.set(route, await save(pageUrl, ref, choice));
        const [[firstRoute, first], ...others] = [...results] as [[string, Result], ...[string, Result][]];
        // A message without files to save: one clear error, the same from each route of one message, and the
        // selection's own ("none of the selected messages has attachments", see bulk-zip.ts) from a selection of it.
        if ('error' in first) {
          for (const [route, result] of others) {
            const expected = route.startsWith('a selection') ? 'BulkNoAttachmentsError' : first.error;
            if (!('error' in result) || result.error !== expected) {
              differences.push(
                `${subject}: ${firstRoute} failed with ${first.error}, ${route} did not with ${expected}`,
              );
            }
          }
          continue;
        }
        for (const [route, result] of others) {
          const mismatch = compare(first, result);
          if (mismatch) differences.push(`${subject}: ${route} against ${firstRoute}: ${mismatch}`);
        }
        const known = KNOWN_DISAGREEMENTS[subject];
        if (known) expect(differences.splice(before), known.reason).toEqual(known.differences);
      }
      expect(differences).toEqual([]);
      // Not a comparison of one route with itself: the corpus is there, and the archive did serve some of it.
      expect(messages.length).toBeGreaterThan(50);
      expect(servedFromArchive).toBeGreaterThan(choice.includeInlineImages ? 5 : 10);
    }, 300_000);
  }
});

function compare(expected: Result, actual: Result): string | null {
  if ('error' in expected || 'error' in actual) {
    return `${'error' in expected ? expected.error : 'a zip'} against ${'error' in actual ? actual.error : 'a zip'}`;
  }
  const names = (files: Map<string, string>) => [...files.keys()].sort();
  if (names(expected.files).join('|') !== names(actual.files).join('|')) {
    return `entries ${JSON.stringify(names(actual.files))}, expected ${JSON.stringify(names(expected.files))}`;
  }
  const differing = names(expected.files).filter((name) => expected.files.get(name) !== actual.files.get(name));
  return differing.length > 0 ? `other bytes in ${JSON.stringify(differing)}` : null;
}
