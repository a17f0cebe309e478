import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { MailError } from './errors';
import { buildZip } from './zip';
import { entryDataStarts, readZipDirectory } from './zip-directory';

const text = new TextEncoder().encode('Rechnung;CHF;120.50\r\n'.repeat(2000));
const binary = Uint8Array.from({ length: 5000 }, (_, i) => (i * 2654435761) >>> 24);

/** An archive as another tool (here jszip, as a server might) writes it: deflated text, a comment, Unix attributes. */
async function foreignArchive(options: { streamFiles?: boolean } = {}): Promise<Blob> {
  const zip = new JSZip();
  zip.file('Rechnung März.csv', text, { compression: 'DEFLATE' });
  zip.file('photo.jpg', binary, { compression: 'STORE' });
  zip.file('../evil.txt', 'x', { createFolders: false });
  const bytes = await zip.generateAsync({
    type: 'uint8array',
    platform: 'UNIX',
    comment: 'made elsewhere',
    streamFiles: options.streamFiles ?? false,
  });
  return new Blob([bytes as BlobPart]);
}

async function reopen(blob: Blob): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(await blob.arrayBuffer(), { checkCRC32: true });
  const files = new Map<string, Uint8Array>();
  for (const file of Object.values(zip.files)) {
    if (!file.dir) files.set(file.name, await file.async('uint8array'));
  }
  return files;
}

describe('readZipDirectory, and buildZip with the entries it finds', () => {
  it.each([false, true])('lists the entries of a foreign archive (data descriptors: %s)', async (streamFiles) => {
    const entries = await readZipDirectory(await foreignArchive({ streamFiles }));
    expect(entries.map((e) => [e.name, e.method, e.size])).toEqual([
      ['Rechnung März.csv', 8, text.length],
      ['photo.jpg', 0, binary.length],
      ['../evil.txt', 0, 1],
    ]);
    expect(entries[0]!.compressedSize).toBeLessThan(text.length / 10);
  });

  it('lists folder entries as folders', async () => {
    const ours = await buildZip([{ path: 'a/b.txt', data: text }]);
    const entries = await readZipDirectory(ours);
    expect(entries.map((e) => [e.name, e.directory])).toEqual([
      ['a/', true],
      ['a/b.txt', false],
    ]);
  });

  it('gives the entries new names without touching their bytes', async () => {
    const archive = await foreignArchive({ streamFiles: true });
    const entries = await readZipDirectory(archive);
    const starts = await entryDataStarts(archive, entries);
    const renamed = await buildZip(
      entries.map((entry, i) => ({
        path: ['Rechnung März.csv', 'Foto.jpg', 'evil.txt'][i]!,
        data: {
          method: entry.method,
          crc: entry.crc,
          size: entry.size,
          body: archive.slice(starts[i]!, starts[i]! + entry.compressedSize),
        },
      })),
      { date: new Date('2026-11-02T10:00:00Z'), timeZone: 'Europe/Zurich' },
    );
    expect(renamed.type).toBe('application/zip');
    const files = await reopen(renamed);
    expect([...files.keys()]).toEqual(['Rechnung März.csv', 'Foto.jpg', 'evil.txt']);
    expect(files.get('Rechnung März.csv')).toEqual(text);
    expect(files.get('Foto.jpg')).toEqual(binary);
    const zip = await JSZip.loadAsync(await renamed.arrayBuffer());
    expect(zip.file('Foto.jpg')!.date.getUTCHours()).toBe(11); // the wall clock in Zurich, read back as UTC
  });

  it('checks the names of compressed entries like any others', async () => {
    const data = { method: 0 as const, crc: 0, size: 0, body: new Blob([]) };
    await expect(buildZip([{ path: '../evil.txt', data }])).rejects.toThrow(/unsafe/);
  });

  it('refuses what is not a zip, or a zip cut short', async () => {
    await expect(readZipDirectory(new Blob(['<html>Bad gateway</html>']))).rejects.toMatchObject({
      code: 'malformed_message',
    });
    const whole = new Uint8Array(await (await foreignArchive()).arrayBuffer());
    await expect(readZipDirectory(new Blob([whole.subarray(0, whole.length - 30) as BlobPart]))).rejects.toBeInstanceOf(
      MailError,
    );
    const shifted = new Blob([whole.subarray(200) as BlobPart]);
    await expect(readZipDirectory(shifted).then((entries) => entryDataStarts(shifted, entries))).rejects.toBeInstanceOf(
      MailError,
    );
  });

  it('refuses encrypted entries and methods it cannot pass on', async () => {
    const whole = new Uint8Array(await (await foreignArchive()).arrayBuffer());
    const view = new DataView(whole.buffer);
    const centralStart = view.getUint32(whole.length - 22 - 'made elsewhere'.length + 16, true);

    const encrypted = whole.slice();
    new DataView(encrypted.buffer).setUint16(centralStart + 8, 0x0001, true);
    await expect(readZipDirectory(new Blob([encrypted as BlobPart]))).rejects.toMatchObject({ code: 'unsupported' });

    const bzip2 = whole.slice();
    new DataView(bzip2.buffer).setUint16(centralStart + 10, 12, true);
    await expect(readZipDirectory(new Blob([bzip2 as BlobPart]))).rejects.toMatchObject({ code: 'unsupported' });
  });

  it('refuses zip64 archives', async () => {
    const whole = new Uint8Array(await (await foreignArchive()).arrayBuffer());
    const endAt = whole.length - 22 - 'made elsewhere'.length;
    const locator = new Uint8Array(20);
    new DataView(locator.buffer).setUint32(0, 0x07064b50, true);
    const zip64 = new Uint8Array(whole.length + 20);
    zip64.set(whole.subarray(0, endAt));
    zip64.set(locator, endAt);
    zip64.set(whole.subarray(endAt), endAt + 20);
    await expect(readZipDirectory(new Blob([zip64 as BlobPart]))).rejects.toMatchObject({ code: 'unsupported' });
  });
});
