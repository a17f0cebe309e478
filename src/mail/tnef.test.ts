import { describe, expect, it } from 'vitest';
import { fileRendering, latin1z, le16, le32, mapiProps, oleRendering, TnefWriter } from './testing/tnef-writer';
import { isTnef, MapiProperty, MapiType, readTnef, TNEF_SIGNATURE, TnefAttribute, TnefLevel } from './tnef';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

function outlookStream(): Uint8Array {
  return new TnefWriter()
    .attribute(TnefLevel.message, 0x00089006, Uint8Array.from(le32(0x00010000))) // attTnefVersion
    .attribute(TnefLevel.message, TnefAttribute.oemCodepage, Uint8Array.from([...le32(1252), ...le32(0)]))
    .attribute(TnefLevel.message, 0x00078008, latin1z('IPM.Microsoft Mail.Note')) // attMessageClass
    .attribute(TnefLevel.attachment, TnefAttribute.attachRendData, fileRendering)
    .attribute(TnefLevel.attachment, TnefAttribute.attachTitle, latin1z('AUFMAS~1.CSV'))
    .attribute(TnefLevel.attachment, TnefAttribute.attachData, ascii('Raum;Breite\r\nKüche;3.40\r\n'))
    .attribute(
      TnefLevel.attachment,
      TnefAttribute.attachment,
      mapiProps([
        { kind: 'int32', id: MapiProperty.attachMethod, value: 1 },
        { kind: 'unicode', id: 0, value: 'named property to skip', named: true },
        { kind: 'bool', id: 0x7ffe, value: false },
        { kind: 'systime', id: 0x3007 },
        { kind: 'unicode', id: MapiProperty.attachLongFileName, value: 'Aufmass Küche 2026.csv' },
        { kind: 'string8', id: MapiProperty.attachMimeTag, value: 'text/csv' },
        { kind: 'unicode', id: MapiProperty.attachContentId, value: 'aufmass@contoso' },
      ]),
    )
    .attribute(TnefLevel.attachment, TnefAttribute.attachRendData, fileRendering)
    .attribute(TnefLevel.attachment, TnefAttribute.attachTitle, latin1z('Übergabe.txt'))
    .attribute(TnefLevel.attachment, TnefAttribute.attachData, latin1z('Schlüssel: 3'))
    .bytes();
}

describe('readTnef', () => {
  it('recognises the signature', () => {
    expect(isTnef(outlookStream())).toBe(true);
    expect(isTnef(ascii('%PDF-1.7'))).toBe(false);
    expect(isTnef(new Uint8Array(0))).toBe(false);
  });

  it('extracts every file with its long name, MIME type and bytes', () => {
    const { files, complete } = readTnef(outlookStream());
    expect(complete).toBe(true);
    expect(files.map(({ fileName, mimeType, contentId }) => ({ fileName, mimeType, contentId }))).toEqual([
      { fileName: 'Aufmass Küche 2026.csv', mimeType: 'text/csv', contentId: 'aufmass@contoso' },
      { fileName: 'Übergabe.txt', mimeType: 'text/plain', contentId: undefined },
    ]);
    expect(new TextDecoder().decode(files[0]!.content)).toBe('Raum;Breite\r\nKüche;3.40\r\n');
    expect(files[1]!.content).toEqual(latin1z('Schlüssel: 3'));
  });

  it('decodes 8-bit titles in the code page the stream declares', () => {
    const stream = new TnefWriter()
      .attribute(TnefLevel.message, TnefAttribute.oemCodepage, Uint8Array.from([...le32(1251), ...le32(0)]))
      .attribute(TnefLevel.attachment, TnefAttribute.attachRendData, fileRendering)
      .attribute(
        TnefLevel.attachment,
        TnefAttribute.attachTitle,
        Uint8Array.from([0xf4, 0xe0, 0xe9, 0xeb, 0x2e, 0x74, 0x78, 0x74, 0]),
      )
      .attribute(TnefLevel.attachment, TnefAttribute.attachData, ascii('x'))
      .bytes();
    expect(readTnef(stream).files[0]!.fileName).toBe('файл.txt');
  });

  it('takes the bytes from PR_ATTACH_DATA_BIN when attAttachData is missing', () => {
    const stream = new TnefWriter()
      .attribute(TnefLevel.attachment, TnefAttribute.attachRendData, fileRendering)
      .attribute(
        TnefLevel.attachment,
        TnefAttribute.attachment,
        mapiProps([
          { kind: 'binary', id: MapiProperty.attachDataBinary, value: ascii('%PDF-1.4 body') },
          { kind: 'string8', id: MapiProperty.attachFileName, value: 'REPORT.PDF' },
        ]),
      )
      .bytes();
    const { files, complete } = readTnef(stream);
    expect(complete).toBe(true);
    expect(files).toEqual([{ fileName: 'REPORT.PDF', mimeType: 'application/pdf', content: ascii('%PDF-1.4 body') }]);
  });

  it('skips what it cannot turn into a file and says so', () => {
    const stream = new TnefWriter()
      .attribute(TnefLevel.attachment, TnefAttribute.attachRendData, oleRendering)
      .attribute(TnefLevel.attachment, TnefAttribute.attachTitle, latin1z('Picture (Device Independent Bitmap)'))
      .attribute(TnefLevel.attachment, TnefAttribute.attachData, ascii('OLE storage'))
      .attribute(TnefLevel.attachment, TnefAttribute.attachRendData, fileRendering)
      .attribute(
        TnefLevel.attachment,
        TnefAttribute.attachment,
        mapiProps([
          { kind: 'int32', id: MapiProperty.attachMethod, value: 5 },
          { kind: 'object', id: MapiProperty.attachDataBinary, value: new Uint8Array(20) },
          { kind: 'unicode', id: MapiProperty.displayName, value: 'Embedded message' },
        ]),
      )
      .attribute(TnefLevel.attachment, TnefAttribute.attachRendData, fileRendering)
      .attribute(TnefLevel.attachment, TnefAttribute.attachTitle, latin1z('ok.txt'))
      .attribute(TnefLevel.attachment, TnefAttribute.attachData, ascii('fine'))
      .bytes();
    const { files, complete } = readTnef(stream);
    expect(complete).toBe(false);
    expect(files.map((file) => file.fileName)).toEqual(['ok.txt']);
  });

  it('does not trust a record whose checksum is wrong', () => {
    const stream = new TnefWriter()
      .attribute(TnefLevel.attachment, TnefAttribute.attachRendData, fileRendering)
      .attribute(TnefLevel.attachment, TnefAttribute.attachTitle, latin1z('a.txt'))
      .attribute(TnefLevel.attachment, TnefAttribute.attachData, ascii('corrupted'), { badChecksum: true })
      .bytes();
    const { files, complete } = readTnef(stream);
    expect(complete).toBe(false);
    expect(files).toEqual([]);
  });

  it('keeps what it read before a truncation', () => {
    const whole = outlookStream();
    const { files, complete } = readTnef(whole.subarray(0, whole.length - 5));
    expect(complete).toBe(false);
    expect(files.map((file) => file.fileName)).toEqual(['Aufmass Küche 2026.csv']);
  });

  it('survives garbage after a valid signature', () => {
    const garbage = Uint8Array.from([...le32(TNEF_SIGNATURE), 0, 0, ...new Array(50).fill(0xff)]);
    expect(readTnef(garbage)).toEqual({ files: [], complete: false });
  });

  it('survives a property list that claims more than it holds', () => {
    const stream = new TnefWriter()
      .attribute(TnefLevel.attachment, TnefAttribute.attachRendData, fileRendering)
      .attribute(TnefLevel.attachment, TnefAttribute.attachTitle, latin1z('a.txt'))
      .attribute(TnefLevel.attachment, TnefAttribute.attachData, ascii('data'))
      .attribute(
        TnefLevel.attachment,
        TnefAttribute.attachment,
        Uint8Array.from([...le32(1000), ...le16(MapiType.unicode), ...le16(0x3707), ...le32(1), ...le32(9999)]),
      )
      .bytes();
    const { files, complete } = readTnef(stream);
    expect(complete).toBe(false);
    expect(files.map((file) => file.fileName)).toEqual(['a.txt']);
  });

  it('refuses bytes that are not TNEF', () => {
    expect(() => readTnef(ascii('hello world'))).toThrowError(expect.objectContaining({ code: 'unsupported' }));
  });
});
