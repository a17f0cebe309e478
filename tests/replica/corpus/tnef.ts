/**
 * A minimal winmail.dat (TNEF, application/ms-tnef) carrying plain files, written from the public MS-OXTNEF
 * description. All integers are little-endian.
 *
 *   stream     = signature:u32 (0x223E9F78) legacyKey:u16 attribute*
 *   attribute  = level:u8 id:u32 length:u32 data:length checksum:u16
 *     level    : 0x01 message, 0x02 attachment
 *     id       : attribute type in the high word, attribute number in the low word
 *     checksum : sum of the data bytes, modulo 65536
 *
 * Message-level attributes come first (attTnefVersion, then attOemCodepage, then the rest). Each attachment starts
 * with attAttachRendData, which is what tells a reader that a new attachment begins, followed by its other
 * attributes:
 *
 *   attTnefVersion    0x00089006  u32 0x00010000
 *   attOemCodepage    0x00069007  u32 code page, u32 0
 *   attMessageClass   0x00078008  zero-terminated string, e.g. 'IPM.Microsoft Mail.Note'
 *   attSubject        0x00018004  zero-terminated string in the OEM code page
 *   attAttachRendData 0x00069002  RENDDATA (14 bytes): atyp:u16 (1 = file), position:u32 (0xFFFFFFFF = not in
 *                                 the text), width:u16, height:u16, flags:u32 (0 = plain file data)
 *   attAttachTitle    0x00018010  zero-terminated file name in the OEM code page
 *   attAttachData     0x0006800F  the file's bytes
 *
 * Real Outlook streams also carry attAttachment (a MAPI property list with the long file name); it is left out
 * here so the names come from attAttachTitle alone.
 */

import { concatBytes } from './bytes.ts';
import { encodeText } from './charsets.ts';

const TNEF_SIGNATURE = 0x223e9f78;

const LEVEL_MESSAGE = 0x01;
const LEVEL_ATTACHMENT = 0x02;

const ATT_TNEF_VERSION = 0x00089006;
const ATT_OEM_CODEPAGE = 0x00069007;
const ATT_MESSAGE_CLASS = 0x00078008;
const ATT_SUBJECT = 0x00018004;
const ATT_ATTACH_REND_DATA = 0x00069002;
const ATT_ATTACH_TITLE = 0x00018010;
const ATT_ATTACH_DATA = 0x0006800f;

export interface TnefFile {
  /** Written as attAttachTitle in code page 1252 (which equals ISO-8859-1 for the characters we use). */
  title: string;
  content: Uint8Array;
}

function attribute(level: number, id: number, data: Uint8Array): Uint8Array {
  const head = new Uint8Array(9);
  const view = new DataView(head.buffer);
  view.setUint8(0, level);
  view.setUint32(1, id, true);
  view.setUint32(5, data.length, true);
  let sum = 0;
  for (const byte of data) sum = (sum + byte) & 0xffff;
  const checksum = new Uint8Array(2);
  new DataView(checksum.buffer).setUint16(0, sum, true);
  return concatBytes([head, data, checksum]);
}

function u32s(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((value, index) => view.setUint32(index * 4, value >>> 0, true));
  return out;
}

function cString(text: string): Uint8Array {
  return concatBytes([encodeText(text, 'iso-8859-1'), Uint8Array.of(0)]);
}

function rendData(): Uint8Array {
  const out = new Uint8Array(14);
  const view = new DataView(out.buffer);
  view.setUint16(0, 1, true); // atyp: file
  view.setUint32(2, 0xffffffff, true); // position: not rendered in the body text
  view.setUint16(6, 32, true); // width of the icon
  view.setUint16(8, 32, true); // height of the icon
  view.setUint32(10, 0, true); // flags: plain file data, not MacBinary
  return out;
}

export function buildTnef(subject: string, files: readonly TnefFile[], legacyKey: number): Uint8Array {
  const header = new Uint8Array(6);
  const view = new DataView(header.buffer);
  view.setUint32(0, TNEF_SIGNATURE, true);
  view.setUint16(4, legacyKey, true);
  const records: Uint8Array[] = [
    header,
    attribute(LEVEL_MESSAGE, ATT_TNEF_VERSION, u32s(0x00010000)),
    attribute(LEVEL_MESSAGE, ATT_OEM_CODEPAGE, u32s(1252, 0)),
    attribute(LEVEL_MESSAGE, ATT_MESSAGE_CLASS, cString('IPM.Microsoft Mail.Note')),
    attribute(LEVEL_MESSAGE, ATT_SUBJECT, cString(subject)),
  ];
  for (const file of files) {
    records.push(
      attribute(LEVEL_ATTACHMENT, ATT_ATTACH_REND_DATA, rendData()),
      attribute(LEVEL_ATTACHMENT, ATT_ATTACH_TITLE, cString(file.title)),
      attribute(LEVEL_ATTACHMENT, ATT_ATTACH_DATA, file.content),
    );
  }
  return concatBytes(records);
}
