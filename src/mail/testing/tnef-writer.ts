/** Test support only: builds TNEF streams (winmail.dat) following MS-OXTNEF, for the reader's tests. */
import { checksum, MapiType, TNEF_SIGNATURE } from '../tnef';

/** Just enough of MS-OXTNEF to build the streams Outlook sends. */
export class TnefWriter {
  readonly #chunks: number[] = [];

  constructor(legacyKey = 0x1234) {
    this.#u32(TNEF_SIGNATURE);
    this.#u16(legacyKey);
  }

  attribute(level: number, id: number, data: Uint8Array, { badChecksum = false } = {}): this {
    this.#chunks.push(level);
    this.#u32(id);
    this.#u32(data.length);
    this.#chunks.push(...data);
    this.#u16((checksum(data) + (badChecksum ? 1 : 0)) & 0xffff);
    return this;
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.#chunks);
  }

  #u16(value: number): void {
    this.#chunks.push(value & 0xff, (value >>> 8) & 0xff);
  }

  #u32(value: number): void {
    this.#chunks.push(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff);
  }
}

export const le32 = (value: number): number[] => [
  value & 0xff,
  (value >>> 8) & 0xff,
  (value >>> 16) & 0xff,
  (value >>> 24) & 0xff,
];
export const le16 = (value: number): number[] => [value & 0xff, (value >>> 8) & 0xff];
export const pad4 = (bytes: number[]): number[] => [...bytes, ...new Array((4 - (bytes.length % 4)) % 4).fill(0)];
export const utf16z = (text: string): number[] => [...Array.from(text).flatMap((c) => le16(c.charCodeAt(0))), 0, 0];
export const latin1z = (text: string): Uint8Array => Uint8Array.from([...Array.from(text, (c) => c.charCodeAt(0)), 0]);

export type Prop =
  | { kind: 'unicode'; id: number; value: string; named?: boolean }
  | { kind: 'string8'; id: number; value: string }
  | { kind: 'binary'; id: number; value: Uint8Array }
  | { kind: 'object'; id: number; value: Uint8Array }
  | { kind: 'int32'; id: number; value: number }
  | { kind: 'bool'; id: number; value: boolean }
  | { kind: 'systime'; id: number };

/** A MAPI property list as attAttachment carries it. */
export function mapiProps(props: Prop[]): Uint8Array {
  const out: number[] = [...le32(props.length)];
  for (const prop of props) {
    const type = {
      unicode: MapiType.unicode,
      string8: MapiType.string8,
      binary: MapiType.binary,
      object: MapiType.object,
      int32: MapiType.int32,
      bool: MapiType.boolean,
      systime: MapiType.systemTime,
    }[prop.kind];
    const named = prop.kind === 'unicode' && prop.named;
    out.push(...le16(type), ...le16(named ? 0x8005 : prop.id));
    if (named) out.push(...new Array(16).fill(0xab), ...le32(1), ...pad4([...le32(10), ...utf16z('Name')]));
    switch (prop.kind) {
      case 'unicode': {
        const bytes = utf16z(prop.value);
        out.push(...le32(1), ...le32(bytes.length), ...pad4(bytes));
        break;
      }
      case 'string8': {
        const bytes = [...latin1z(prop.value)];
        out.push(...le32(1), ...le32(bytes.length), ...pad4(bytes));
        break;
      }
      case 'binary':
      case 'object':
        out.push(...le32(1), ...le32(prop.value.length), ...pad4([...prop.value]));
        break;
      case 'int32':
        out.push(...le32(prop.value));
        break;
      case 'bool':
        out.push(...le16(prop.value ? 1 : 0), 0, 0);
        break;
      case 'systime':
        out.push(...new Array(8).fill(1));
        break;
    }
  }
  return Uint8Array.from(out);
}

export const fileRendering = Uint8Array.from([...le16(1), ...new Array(12).fill(0xff)]);
export const oleRendering = Uint8Array.from([...le16(2), ...new Array(12).fill(0xff)]);

/** A winmail.dat carrying the given files, each with a short title and, optionally, a long name in MAPI props. */
export function winmailDat(files: { title: string; data: Uint8Array; longName?: string }[]): Uint8Array {
  const writer = new TnefWriter()
    .attribute(0x01, 0x00089006, Uint8Array.from(le32(0x00010000)))
    .attribute(0x01, 0x00069007, Uint8Array.from([...le32(1252), ...le32(0)]));
  for (const file of files) {
    writer
      .attribute(0x02, 0x00069002, fileRendering)
      .attribute(0x02, 0x00018010, latin1z(file.title))
      .attribute(0x02, 0x0006800f, file.data);
    if (file.longName) {
      writer.attribute(0x02, 0x00069005, mapiProps([{ kind: 'unicode', id: 0x3707, value: file.longName }]));
    }
  }
  return writer.bytes();
}
