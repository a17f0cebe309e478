import { MailError } from './errors';
import { mimeTypeForFileName } from './mime-extensions';

/**
 * Reader for TNEF (`winmail.dat`, `application/ms-tnef`), the container Outlook uses when it sends "rich text" mail:
 * the real attachments sit inside it and other mail clients show one useless file. Follows the public MS-OXTNEF
 * structure: a signature, a legacy key, then attribute records (level, id, length, data, checksum). An attachment
 * starts with attAttachRendData; attAttachTitle names it, attAttachData holds its bytes, and attAttachment carries
 * MAPI properties that may hold the long name, the MIME type and the content id.
 */

export interface TnefFile {
  fileName: string;
  mimeType: string;
  content: Uint8Array;
  contentId?: string;
}

export interface TnefContents {
  files: TnefFile[];
  /** False when something could not be decoded (an embedded message, an OLE object, a damaged record). */
  complete: boolean;
}

export const TNEF_SIGNATURE = 0x223e9f78;

/** Attribute ids as written in the stream: the type in the high word, the id in the low word. */
export const TnefAttribute = {
  oemCodepage: 0x00069007,
  attachRendData: 0x00069002,
  attachTitle: 0x00018010,
  attachData: 0x0006800f,
  attachment: 0x00069005,
} as const;

export const TnefLevel = { message: 0x01, attachment: 0x02 } as const;

/** MAPI property ids (PidTag…) this reader looks at. */
export const MapiProperty = {
  displayName: 0x3001,
  attachDataBinary: 0x3701, // PT_BINARY, or PT_OBJECT for embedded messages and OLE objects
  attachFileName: 0x3704,
  attachMethod: 0x3705,
  attachLongFileName: 0x3707,
  attachMimeTag: 0x370e,
  attachContentId: 0x3712,
} as const;

export const MapiType = {
  int16: 0x0002,
  int32: 0x0003,
  float: 0x0004,
  double: 0x0005,
  currency: 0x0006,
  appTime: 0x0007,
  error: 0x000a,
  boolean: 0x000b,
  object: 0x000d,
  int64: 0x0014,
  string8: 0x001e,
  unicode: 0x001f,
  systemTime: 0x0040,
  guid: 0x0048,
  binary: 0x0102,
  multiValued: 0x1000,
} as const;

// attAttachRendData's first word: 1 = a file, 2 = an OLE object (whose bytes are an OLE storage, not a file).
const RENDERING_OLE = 2;
// PidTagAttachMethod 5: an embedded Outlook message, stored as a nested MAPI object rather than as bytes.
const ATTACH_EMBEDDED_MESSAGE = 5;

interface PendingAttachment {
  title?: string;
  data?: Uint8Array;
  props: MapiProperties;
  isOle: boolean;
}

export function isTnef(bytes: Uint8Array): boolean {
  return bytes.length >= 6 && new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) === TNEF_SIGNATURE;
}

/** Throws MailError('unsupported') when the bytes are not TNEF at all; otherwise returns what could be read. */
export function readTnef(bytes: Uint8Array): TnefContents {
  if (!isTnef(bytes)) throw new MailError('unsupported', 'not a TNEF stream');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 6; // signature (4) + legacy key (2)
  let complete = true;
  let decoder = new TextDecoder('windows-1252');
  const attachments: PendingAttachment[] = [];

  while (offset < bytes.length) {
    // level (1) + id (4) + length (4) … data … checksum (2)
    if (offset + 9 > bytes.length) {
      complete = false;
      break;
    }
    const level = view.getUint8(offset);
    const id = view.getUint32(offset + 1, true);
    const length = view.getUint32(offset + 5, true);
    const dataStart = offset + 9;
    const dataEnd = dataStart + length;
    if (dataEnd + 2 > bytes.length) {
      complete = false;
      break;
    }
    const data = bytes.subarray(dataStart, dataEnd);
    offset = dataEnd + 2;
    if (view.getUint16(dataEnd, true) !== checksum(data)) {
      complete = false;
      continue;
    }

    if (id === TnefAttribute.oemCodepage && data.length >= 4) {
      decoder = decoderForCodepage(view.getUint32(dataStart, true)) ?? decoder;
    } else if (level === TnefLevel.attachment) {
      if (id === TnefAttribute.attachRendData) {
        attachments.push({
          props: new Map(),
          isOle: data.length >= 2 && view.getUint16(dataStart, true) === RENDERING_OLE,
        });
        continue;
      }
      const current = attachments.at(-1);
      if (!current) continue;
      if (id === TnefAttribute.attachTitle) current.title = readString8(data, decoder);
      else if (id === TnefAttribute.attachData) current.data = data;
      else if (id === TnefAttribute.attachment) {
        const { properties, complete: propsComplete } = readMapiProperties(data, decoder);
        current.props = properties;
        complete &&= propsComplete;
      }
    }
  }

  const files: TnefFile[] = [];
  for (const attachment of attachments) {
    const file = toFile(attachment);
    if (file) files.push(file);
    else complete = false;
  }
  return { files, complete };
}

function toFile(attachment: PendingAttachment): TnefFile | undefined {
  const { props } = attachment;
  if (attachment.isOle || numberProp(props, MapiProperty.attachMethod) === ATTACH_EMBEDDED_MESSAGE) return undefined;
  const content = attachment.data ?? binaryProp(props, MapiProperty.attachDataBinary);
  if (!content) return undefined;
  const fileName =
    stringProp(props, MapiProperty.attachLongFileName) ||
    attachment.title ||
    stringProp(props, MapiProperty.attachFileName) ||
    stringProp(props, MapiProperty.displayName) ||
    '';
  const mimeType = stringProp(props, MapiProperty.attachMimeTag)?.toLowerCase() || mimeTypeForFileName(fileName);
  const contentId = stringProp(props, MapiProperty.attachContentId);
  return { fileName, mimeType, content, ...(contentId ? { contentId } : {}) };
}

/** The TNEF checksum: the sum of the data bytes, modulo 65536. */
export function checksum(data: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum = (sum + data[i]!) & 0xffff;
  return sum;
}

function readString8(data: Uint8Array, decoder: TextDecoder): string {
  const nul = data.indexOf(0);
  return decoder.decode(nul < 0 ? data : data.subarray(0, nul));
}

// Windows code pages a TNEF stream names for its 8-bit strings, as TextDecoder labels.
const CODEPAGE_LABELS: Readonly<Record<number, string>> = {
  874: 'windows-874',
  932: 'shift_jis',
  936: 'gbk',
  949: 'euc-kr',
  950: 'big5',
  1250: 'windows-1250',
  1251: 'windows-1251',
  1252: 'windows-1252',
  1253: 'windows-1253',
  1254: 'windows-1254',
  1255: 'windows-1255',
  1256: 'windows-1256',
  1257: 'windows-1257',
  1258: 'windows-1258',
  20866: 'koi8-r',
  28591: 'iso-8859-1',
  28592: 'iso-8859-2',
  28605: 'iso-8859-15',
  50220: 'iso-2022-jp',
  51932: 'euc-jp',
  65001: 'utf-8',
};

function decoderForCodepage(codepage: number): TextDecoder | undefined {
  const label = CODEPAGE_LABELS[codepage];
  if (!label) return undefined;
  try {
    return new TextDecoder(label);
  } catch {
    return undefined; // a runtime without that encoding keeps the default
  }
}

// ---- MAPI property lists (attAttachment) ----

type MapiValue = number | string | Uint8Array;
type MapiProperties = Map<number, { type: number; values: MapiValue[] }>;

const FIXED_SIZES: Readonly<Record<number, number>> = {
  [MapiType.int16]: 4, // 2 bytes of value padded to 4
  [MapiType.int32]: 4,
  [MapiType.float]: 4,
  [MapiType.error]: 4,
  [MapiType.boolean]: 4, // likewise padded
  [MapiType.double]: 8,
  [MapiType.currency]: 8,
  [MapiType.appTime]: 8,
  [MapiType.int64]: 8,
  [MapiType.systemTime]: 8,
  [MapiType.guid]: 16,
};
const VARIABLE_TYPES = new Set<number>([MapiType.string8, MapiType.unicode, MapiType.binary, MapiType.object]);
const NAMED_PROPERTY_MIN_ID = 0x8000;
const utf16 = new TextDecoder('utf-16le');

/**
 * Reads a property list: a count, then per property its type and id (named properties add a GUID and a name or
 * number), then the value(s). Stops at the first thing it does not understand and says so, keeping what it read.
 */
export function readMapiProperties(
  data: Uint8Array,
  decoder: TextDecoder,
): { properties: MapiProperties; complete: boolean } {
  const properties: MapiProperties = new Map();
  const reader = new ByteReader(data);
  try {
    const count = reader.u32();
    for (let p = 0; p < count; p++) {
      const type = reader.u16();
      const id = reader.u16();
      if (id >= NAMED_PROPERTY_MIN_ID) skipPropertyName(reader);
      const baseType = type & ~MapiType.multiValued;
      const multi = (type & MapiType.multiValued) !== 0;
      const values: MapiValue[] = [];
      if (VARIABLE_TYPES.has(baseType)) {
        const valueCount = reader.u32();
        for (let v = 0; v < valueCount; v++) {
          const bytes = reader.bytes(reader.u32());
          reader.align4();
          values.push(decodeVariable(baseType, bytes, decoder));
        }
      } else {
        const size = FIXED_SIZES[baseType];
        if (size === undefined) return { properties, complete: false };
        const valueCount = multi ? reader.u32() : 1;
        for (let v = 0; v < valueCount; v++) {
          const bytes = reader.bytes(size);
          values.push(size >= 4 ? new DataView(bytes.buffer, bytes.byteOffset, 4).getInt32(0, true) : 0);
        }
      }
      properties.set(id, { type: baseType, values });
    }
    return { properties, complete: true };
  } catch {
    return { properties, complete: false };
  }
}

function skipPropertyName(reader: ByteReader): void {
  reader.bytes(16); // property set GUID
  const kind = reader.u32();
  if (kind === 0)
    reader.u32(); // numeric id
  else {
    reader.bytes(reader.u32()); // UTF-16LE name
    reader.align4();
  }
}

function decodeVariable(type: number, bytes: Uint8Array, decoder: TextDecoder): MapiValue {
  if (type === MapiType.unicode) return utf16.decode(bytes).replace(/\0+$/, '');
  if (type === MapiType.string8) return readString8(bytes, decoder);
  return bytes;
}

function stringProp(props: MapiProperties, id: number): string | undefined {
  const value = props.get(id)?.values[0];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function numberProp(props: MapiProperties, id: number): number | undefined {
  const value = props.get(id)?.values[0];
  return typeof value === 'number' ? value : undefined;
}

// Only PT_BINARY is file content; a PT_OBJECT under the same id is a nested MAPI object this reader cannot unpack.
function binaryProp(props: MapiProperties, id: number): Uint8Array | undefined {
  const property = props.get(id);
  const value = property?.values[0];
  return property?.type === MapiType.binary && value instanceof Uint8Array ? value : undefined;
}

class ByteReader {
  #offset = 0;
  readonly #view: DataView;

  constructor(private readonly data: Uint8Array) {
    this.#view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  u16(): number {
    this.#need(2);
    const value = this.#view.getUint16(this.#offset, true);
    this.#offset += 2;
    return value;
  }

  u32(): number {
    this.#need(4);
    const value = this.#view.getUint32(this.#offset, true);
    this.#offset += 4;
    return value;
  }

  bytes(length: number): Uint8Array {
    this.#need(length);
    const value = this.data.subarray(this.#offset, this.#offset + length);
    this.#offset += length;
    return value;
  }

  align4(): void {
    this.#offset = Math.min(this.data.length, (this.#offset + 3) & ~3);
  }

  #need(length: number): void {
    if (this.#offset + length > this.data.length) throw new RangeError('MAPI property list is truncated');
  }
}
