import { describe, expect, it } from 'vitest';
import type { MailAttachment } from './attachments';
import { addAttachmentsToLayout, zipEntriesForAttachments, ZipLayout } from './zip-layout';

const data = new Uint8Array([1, 2, 3]);

function attachment(fileName: string, extra: Partial<MailAttachment> = {}): MailAttachment {
  return {
    fileName,
    mimeType: 'application/pdf',
    size: data.length,
    disposition: 'attachment',
    content: data,
    path: [],
    pathKey: '',
    inline: false,
    origin: 'part',
    ...extra,
  };
}

describe('zipEntriesForAttachments', () => {
  it('makes names safe and unique, case-insensitively', () => {
    const entries = zipEntriesForAttachments([
      attachment('Report.pdf'),
      attachment('report.PDF'),
      attachment('../../x.pdf'),
      attachment(''),
    ]);
    expect(entries.map((entry) => entry.path)).toEqual(['Report.pdf', 'report (2).PDF', '_.._x.pdf', 'attachment.pdf']);
  });

  it('puts expanded nested messages into folders named after their subjects', () => {
    const entries = zipEntriesForAttachments([
      attachment('own.pdf'),
      attachment('estimate.pdf', { path: ['Fwd: estimate', 'Kostenschätzung'], pathKey: '1/1' }),
      attachment('estimate.pdf', { path: ['Fwd: estimate', 'Kostenschätzung'], pathKey: '1/2' }),
      attachment('sheet.xlsx', { path: ['Fwd: estimate', 'Kostenschätzung'], pathKey: '1/2' }),
      attachment('note.txt', { path: [''], pathKey: '2' }),
    ]);
    expect(entries.map((entry) => entry.path)).toEqual([
      'own.pdf',
      'Fwd_ estimate/Kostenschätzung/estimate.pdf',
      'Fwd_ estimate/Kostenschätzung (2)/estimate.pdf',
      'Fwd_ estimate/Kostenschätzung (2)/sheet.xlsx',
      'message/note.txt',
    ]);
  });

  it('keeps files and folders of the same name apart', () => {
    const entries = zipEntriesForAttachments([
      attachment('Offer'),
      attachment('a.pdf', { path: ['Offer'], pathKey: '1' }),
    ]);
    expect(entries.map((entry) => entry.path)).toEqual(['Offer', 'Offer (2)/a.pdf']);
  });

  it('passes MIME type and date on for the zip writer', () => {
    const date = new Date('2026-01-01T00:00:00Z');
    expect(zipEntriesForAttachments([attachment('a.pdf')], { date })[0]).toMatchObject({
      mimeType: 'application/pdf',
      date,
      data,
    });
  });
});

describe('ZipLayout', () => {
  it('lays out a bulk export with one folder per message', () => {
    const layout = new ZipLayout();
    addAttachmentsToLayout(layout, [attachment('a.pdf')], { baseFolders: [{ key: 'm1', name: '2026-01-01 – Offer' }] });
    addAttachmentsToLayout(layout, [attachment('a.pdf')], { baseFolders: [{ key: 'm2', name: '2026-01-01 – Offer' }] });
    addAttachmentsToLayout(layout, [attachment('b.pdf')], { baseFolders: [{ key: 'm1', name: '2026-01-01 – Offer' }] });
    expect(layout.entries.map((entry) => entry.path)).toEqual([
      '2026-01-01 – Offer/a.pdf',
      '2026-01-01 – Offer (2)/a.pdf',
      '2026-01-01 – Offer/b.pdf',
    ]);
  });

  it('returns the path each file got', () => {
    const layout = new ZipLayout();
    expect(layout.addFile([], 'CON.txt', data)).toBe('CON_.txt');
    expect(layout.addFile([{ key: 'k', name: 'a/b' }], 'c.txt', data)).toBe('a_b/c.txt');
  });
});
