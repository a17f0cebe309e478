import { CENTRAL_HEADER, DOS_DIRECTORY, LOCAL_HEADER } from './zip-format';

/**
 * The local and central headers both zip writers write (zip.ts in memory, zip-stream.ts streaming), up to the name;
 * the name and any extra field follow at LOCAL_HEADER_SIZE / CENTRAL_HEADER_SIZE from the header's start.
 */

/** The values of the fields local and central headers share, from "general purpose flags" to "file name length". */
export interface EntryFields {
  flags: number;
  method: number;
  dosTime: number;
  dosDate: number;
  crc: number;
  /** Already 32-bit: the zip64 mark when the real value is in an extra field. */
  compressedSize: number;
  size: number;
  nameLength: number;
}

function writeEntryFields(view: DataView, at: number, fields: EntryFields): void {
  view.setUint16(at, fields.flags, true);
  view.setUint16(at + 2, fields.method, true);
  view.setUint16(at + 4, fields.dosTime, true);
  view.setUint16(at + 6, fields.dosDate, true);
  view.setUint32(at + 8, fields.crc, true);
  view.setUint32(at + 12, fields.compressedSize, true);
  view.setUint32(at + 16, fields.size, true);
  view.setUint16(at + 20, fields.nameLength, true);
}

export interface HeaderFields extends EntryFields {
  /** "Version needed to extract". */
  version: number;
  extraLength: number;
}

export function writeLocalHeader(view: DataView, at: number, fields: HeaderFields): void {
  view.setUint32(at, LOCAL_HEADER, true);
  view.setUint16(at + 4, fields.version, true);
  writeEntryFields(view, at + 6, fields);
  view.setUint16(at + 28, fields.extraLength, true);
}

export function writeCentralHeader(
  view: DataView,
  at: number,
  fields: HeaderFields & { directory: boolean; /** 32-bit, or the zip64 mark. */ offset: number },
): void {
  view.setUint32(at, CENTRAL_HEADER, true);
  view.setUint16(at + 4, versionMadeBy(fields.version), true);
  view.setUint16(at + 6, fields.version, true);
  writeEntryFields(view, at + 8, fields);
  view.setUint16(at + 30, fields.extraLength, true);
  // comment length, disk number and internal attributes stay 0
  view.setUint32(at + 38, externalAttributes(fields.directory), true);
  view.setUint32(at + 42, fields.offset, true);
}

/**
 * "Version made by": Unix in the high byte, the spec version in the low. Made by MS-DOS, Info-ZIP's unzip (what
 * Linux distributions ship) takes every name for code page 437, UTF-8 flag or not, and extracts `Müller` as
 * `M++ller`; made by Unix, it keeps UTF-8 names as they are and applies the modes of externalAttributes.
 */
function versionMadeBy(version: number): number {
  return (UNIX << 8) | version;
}

/** Unix mode in the high half (rw-r--r-- files, rwxr-xr-x folders), the MS-DOS folder bit in the low. */
function externalAttributes(directory: boolean): number {
  return directory ? ((0o040755 << 16) | DOS_DIRECTORY) >>> 0 : (0o100644 << 16) >>> 0;
}

const UNIX = 3;
