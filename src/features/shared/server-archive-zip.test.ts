import JSZip from 'jszip';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Attachment, Message } from '../../ksuite/types';
import type { MessageRef } from '../../ksuite/webmail-dom';
import type { ZipPreferences } from './zip-preferences';
import type { MessageSource } from '../../ksuite/message-source';

// The module remembers, per page, that the server's archive disagreed once; each test gets a fresh page's copy.
// Errors are made from that copy's module graph too, so that `instanceof` holds.
let zipFromServerArchive: typeof import('./server-archive-zip').zipFromServerArchive;
let addServerArchiveToLayout: typeof import('./server-archive-zip').addServerArchiveToLayout;
let KsuiteApiError: typeof import('../../ksuite/api-error').KsuiteApiError;
beforeEach(async () => {
  vi.resetModules();
  ({ zipFromServerArchive, addServerArchiveToLayout } = await import('./server-archive-zip'));
  ({ KsuiteApiError } = await import('../../ksuite/api-error'));
});

const DEFAULTS: ZipPreferences = {
  useServerArchive: true,
  includeInlineImages: false,
  nestedMessages: 'eml',
  fileNamesWithDate: true,
};
const DATE = new Date('2026-11-02T09:30:00Z');
const REF: MessageRef = { uid: '7@f', shortUid: '7', folderId: 'f' };
const pdf = new TextEncoder().encode('%PDF-1.7 '.repeat(500));
const jpg = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919) & 0xff);

function attachment(
  name: string,
  mimeType: string,
  disposition = 'attachment',
  contentId: string | null = null,
): Attachment {
  return {
    uuid: name,
    part_id: '2',
    mime_type: mimeType,
    size: 0,
    name,
    disposition,
    content_id: contentId,
    resource: `/api/x/${name}`,
  };
}

/** A logo the message's HTML shows, as the JSON describes it. */
const LOGO = attachment('logo.png', 'image/png', 'inline', '<logo@firma.example>');
const HTML_SHOWING_LOGO = '<p>Gruss</p><img src="cid:logo@firma.example">';

function message(attachments: Attachment[], html = HTML_SHOWING_LOGO): Message {
  return {
    resource: '/api/mail/m/folder/f/message/7',
    attachments,
    body: { type: 'text/html', value: html },
  } as unknown as Message;
}

/** What the server answers: an archive of these entries as another zip writer makes it, or an error. */
async function serverArchive(entries: [string, Uint8Array][]): Promise<Blob> {
  const zip = new JSZip();
  for (const [name, data] of entries) zip.file(name, data, { compression: 'DEFLATE', createFolders: false });
  return new Blob([(await zip.generateAsync({ type: 'uint8array' })) as BlobPart]);
}

function sourceAnswering(...answers: (Blob | Error)[]) {
  const asked: string[] = [];
  let trusted = true;
  const source = {
    hasRaw: () => false,
    get archiveTrusted() {
      return trusted;
    },
    distrustArchive: () => (trusted = false),
    attachmentsArchive: async (details: Message) => {
      asked.push(`${details.resource}/attachmentsArchive`);
      const answer = answers.shift();
      if (!answer) throw new Error('unexpected request');
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as MessageSource;
  return { source, asked };
}

async function contents(zip: Blob): Promise<Map<string, Uint8Array>> {
  const reopened = await JSZip.loadAsync(await zip.arrayBuffer(), { checkCRC32: true });
  const files = new Map<string, Uint8Array>();
  for (const file of Object.values(reopened.files)) files.set(file.name, await file.async('uint8array'));
  return files;
}

describe('zipFromServerArchive', () => {
  it('passes on an archive that holds exactly the attachments, under their own names, as it came', async () => {
    const archive = await serverArchive([
      ['Offerte.pdf', pdf],
      ['IMG_2041.jpg', jpg],
    ]);
    const { source, asked } = sourceAnswering(archive);
    const details = message([attachment('Offerte.pdf', 'application/pdf'), attachment('IMG_2041.jpg', 'image/jpeg')]);
    const result = await zipFromServerArchive(source, REF, details, DEFAULTS, DATE);
    expect(asked).toEqual(['/api/mail/m/folder/f/message/7/attachmentsArchive']);
    // The very Blob the server sent (toEqual would also accept any other Blob: they have no own properties).
    expect(result?.zip).toBe(archive);
    expect(result?.fileCount).toBe(2);
  });

  it('gives unsafe and repeated names our safe, unique ones, with the bytes unchanged', async () => {
    const { source } = sourceAnswering(
      await serverArchive([
        ['Bericht: Q3?.pdf', pdf],
        ['scan.jpg', jpg],
        ['scan.jpg ', pdf],
      ]),
    );
    const details = message([
      attachment('Bericht: Q3?.pdf', 'application/pdf'),
      attachment('scan.jpg', 'image/jpeg'),
      attachment('scan.jpg', 'image/jpeg'),
    ]);
    const result = await zipFromServerArchive(source, REF, details, DEFAULTS, DATE);
    expect(result?.fileCount).toBe(3);
    const files = await contents(result!.zip);
    expect([...files.keys()]).toEqual(['Bericht_ Q3_.pdf', 'scan.jpg', 'scan (2).jpg']);
    expect(files.get('Bericht_ Q3_.pdf')).toEqual(pdf);
    expect(files.get('scan.jpg')).toEqual(jpg);
    expect(files.get('scan (2).jpg')).toEqual(pdf);
  });

  it('pairs files a server named its own way: repeated names numbered, control characters dropped', async () => {
    const { source } = sourceAnswering(
      await serverArchive([
        ['scan.jpg', jpg],
        ['scan (2).jpg', pdf],
        ['Zeile1Zeile2.pdf', pdf],
      ]),
    );
    const details = message([
      attachment('scan.jpg', 'image/jpeg'),
      attachment('scan.jpg', 'image/jpeg'),
      attachment('Zeile1\tZeile2.pdf', 'application/pdf'),
    ]);
    const result = await zipFromServerArchive(source, REF, details, DEFAULTS, DATE);
    const files = await contents(result!.zip);
    expect([...files.keys()]).toEqual(['scan.jpg', 'scan (2).jpg', 'Zeile1 Zeile2.pdf']);
    expect(files.get('scan (2).jpg')).toEqual(pdf);
  });

  it('matches files whatever their order in the archive', async () => {
    const { source } = sourceAnswering(
      await serverArchive([
        ['b.jpg', jpg],
        ['a.pdf', pdf],
      ]),
    );
    const details = message([attachment('a.pdf', 'application/pdf'), attachment('b.jpg', 'image/jpeg')]);
    const result = await zipFromServerArchive(source, REF, details, DEFAULTS, DATE);
    const files = await contents(result!.zip);
    expect([...files.keys()].sort()).toEqual(['a.pdf', 'b.jpg']);
    expect(files.get('a.pdf')).toEqual(pdf);
    expect(files.get('b.jpg')).toEqual(jpg);
  });

  it('refuses an archive missing a file or holding another, and asks no more on this page', async () => {
    const details = message([attachment('a.pdf', 'application/pdf'), attachment('b.jpg', 'image/jpeg')]);
    const page = sourceAnswering(await serverArchive([['a.pdf', pdf]]));
    expect(await zipFromServerArchive(page.source, REF, details, DEFAULTS, DATE)).toBeNull();
    expect(page.asked).toHaveLength(1);
    // The same page asks no more…
    expect(await zipFromServerArchive(page.source, REF, details, DEFAULTS, DATE)).toBeNull();
    expect(page.asked).toHaveLength(1);
    // …while another page starts trusting the archive again.
    const otherPage = sourceAnswering(
      await serverArchive([
        ['a.pdf', pdf],
        ['b.jpg', jpg],
      ]),
    );
    expect((await zipFromServerArchive(otherPage.source, REF, details, DEFAULTS, DATE))?.fileCount).toBe(2);
  });

  it.each([
    ['another file instead', [['a.pdf', pdf] as const, ['c.jpg', jpg] as const]],
    ['one more file', [['a.pdf', pdf] as const, ['b.jpg', jpg] as const, ['c.jpg', jpg] as const]],
  ])('refuses an archive with %s', async (_, entries) => {
    const details = message([attachment('a.pdf', 'application/pdf'), attachment('b.jpg', 'image/jpeg')]);
    const { source } = sourceAnswering(await serverArchive(entries.map(([name, data]) => [name, data])));
    expect(await zipFromServerArchive(source, REF, details, DEFAULTS, DATE)).toBeNull();
  });

  it('leaves out the inline images the HTML shows, as the browser does', async () => {
    const details = message([attachment('a.pdf', 'application/pdf'), LOGO]);
    const { source } = sourceAnswering(await serverArchive([['a.pdf', pdf]]));
    expect((await zipFromServerArchive(source, REF, details, DEFAULTS, DATE))?.fileCount).toBe(1);
  });

  it('does not ask the server when only the raw message can give what is asked', async () => {
    const { source, asked } = sourceAnswering();
    const forwarded = message([attachment('Weitergeleitet.eml', 'message/rfc822')]);
    expect(
      await zipFromServerArchive(source, REF, forwarded, { ...DEFAULTS, nestedMessages: 'expand' }, DATE),
    ).toBeNull();
    const plain = message([attachment('a.pdf', 'application/pdf')]);
    expect(await zipFromServerArchive(source, REF, plain, { ...DEFAULTS, useServerArchive: false }, DATE)).toBeNull();
    expect(await zipFromServerArchive(source, REF, message([]), DEFAULTS, DATE)).toBeNull();
    expect(asked).toEqual([]);
  });

  // Each of these the browser reads otherwise than the server's archive holds it; asked, the archive would match
  // the JSON and give another zip than the same click after "Headers".
  it.each([
    ['a winmail.dat, whose files the browser unpacks', [attachment('winmail.dat', 'application/ms-tnef')], DEFAULTS],
    ['a winmail.dat sent as any file', [attachment('WINMAIL.DAT', 'application/octet-stream')], DEFAULTS],
    ['a TNEF part of another name', [attachment('att00001.dat', 'application/vnd.ms-tnef')], DEFAULTS],
    // The browser names it after the forwarded message's subject when it has no name; the server's name is its own.
    ['an attached message, even one the server serves', [attachment('message-3.eml', 'message/rfc822')], DEFAULTS],
    ['an attached message/global', [attachment('Weiterleitung', 'message/global')], DEFAULTS],
    // Apple Mail sends files "inline" where they were dropped in the text: a file to the browser, not to the archive.
    [
      'a file the server calls inline that the HTML does not show',
      [attachment('Offerte.pdf', 'application/pdf', 'inline')],
      DEFAULTS,
    ],
    // Shown by the HTML, it is left out unless marked as an attachment, which the JSON does not tell.
    [
      'an attachment the HTML shows',
      [attachment('a.pdf', 'application/pdf'), attachment('logo.png', 'image/png', 'attachment', 'logo@firma.example')],
      DEFAULTS,
    ],
    [
      'inline images, when they are wanted',
      [attachment('a.pdf', 'application/pdf'), LOGO],
      { ...DEFAULTS, includeInlineImages: true },
    ],
  ] as const)('does not ask the server for %s', async (_, attachments, preferences) => {
    const { source, asked } = sourceAnswering(await serverArchive(attachments.map((a) => [a.name, pdf])));
    const details = message([attachment('Bericht.pdf', 'application/pdf'), ...attachments]);
    expect(await zipFromServerArchive(source, REF, details, preferences, DATE)).toBeNull();
    expect(asked).toEqual([]);
  });

  it('reads cid: links only from an HTML body', async () => {
    const { source, asked } = sourceAnswering();
    const details = {
      ...message([attachment('a.pdf', 'application/pdf'), LOGO]),
      body: { type: 'text/plain', value: HTML_SHOWING_LOGO },
    };
    expect(await zipFromServerArchive(source, REF, details, DEFAULTS, DATE)).toBeNull();
    expect(asked).toEqual([]);
  });

  it('zips from the raw message, without asking, when an attachment it wants has no download of its own', async () => {
    const { source, asked } = sourceAnswering();
    const unservable = { ...attachment('Weitergeleitet.eml', 'message/rfc822'), resource: null };
    const details = message([attachment('a.pdf', 'application/pdf'), unservable]);
    expect(await zipFromServerArchive(source, REF, details, DEFAULTS, DATE)).toBeNull();
    expect(asked).toEqual([]);
    // Not held against the server's archive: the next message still gets it.
    const next = sourceAnswering(await serverArchive([['a.pdf', pdf]]));
    const plain = message([attachment('a.pdf', 'application/pdf')]);
    expect((await zipFromServerArchive(next.source, REF, plain, DEFAULTS, DATE))?.fileCount).toBe(1);
  });

  it('takes the server archive when only an unwanted inline image lacks a download of its own', async () => {
    const inline = { ...LOGO, resource: null };
    const details = message([attachment('a.pdf', 'application/pdf'), inline]);
    const { source } = sourceAnswering(await serverArchive([['a.pdf', pdf]]));
    expect((await zipFromServerArchive(source, REF, details, DEFAULTS, DATE))?.fileCount).toBe(1);
  });

  it('falls back on what is not a zip or a server error, but lets an expired session and a cancel through', async () => {
    const details = message([attachment('a.pdf', 'application/pdf')]);
    const html = sourceAnswering(new Blob(['<html>502 Bad Gateway</html>']));
    expect(await zipFromServerArchive(html.source, REF, details, DEFAULTS, DATE)).toBeNull();
    const failing = sourceAnswering(new KsuiteApiError('server', { status: 500 }));
    expect(await zipFromServerArchive(failing.source, REF, details, DEFAULTS, DATE)).toBeNull();
    const expired = sourceAnswering(new KsuiteApiError('signed_out', { status: 401 }));
    await expect(zipFromServerArchive(expired.source, REF, details, DEFAULTS, DATE)).rejects.toMatchObject({
      kind: 'signed_out',
    });
    const cancelled = sourceAnswering(new KsuiteApiError('aborted'));
    await expect(zipFromServerArchive(cancelled.source, REF, details, DEFAULTS, DATE)).rejects.toMatchObject({
      kind: 'aborted',
    });
  });
});

describe('addServerArchiveToLayout', () => {
  it("puts a message's files in its folder of a bulk export, as the server compressed them", async () => {
    const { ZipLayout } = await import('../../mail/zip-layout');
    const { buildZip } = await import('../../mail/zip');
    const layout = new ZipLayout();
    layout.addFile([], 'NOT INCLUDED.txt', new TextEncoder().encode('x'));
    const { source } = sourceAnswering(await serverArchive([['Offerte.pdf', pdf]]));
    const details = message([attachment('Offerte.pdf', 'application/pdf')]);
    const folder = { key: '7@f', name: '2026-11-02 – Offerte' };
    expect(
      await addServerArchiveToLayout(layout, source, REF, details, DEFAULTS, { baseFolders: [folder], date: DATE }),
    ).toBe(true);
    const files = await contents(await buildZip(layout.entries, { date: DATE }));
    expect([...files.keys()]).toEqual([
      '2026-11-02 – Offerte/',
      'NOT INCLUDED.txt',
      '2026-11-02 – Offerte/Offerte.pdf',
    ]);
    expect(files.get('2026-11-02 – Offerte/Offerte.pdf')).toEqual(pdf);
  });

  it('adds nothing when the archive does not match', async () => {
    const { ZipLayout } = await import('../../mail/zip-layout');
    const layout = new ZipLayout();
    const { source } = sourceAnswering(await serverArchive([['Offerte.pdf', pdf]]));
    const details = message([attachment('Offerte.pdf', 'application/pdf'), attachment('Plan.pdf', 'application/pdf')]);
    expect(
      await addServerArchiveToLayout(layout, source, REF, details, DEFAULTS, { baseFolders: [], date: DATE }),
    ).toBe(false);
    expect(layout.entries).toEqual([]);
  });
});
