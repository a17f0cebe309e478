/**
 * The record signatures, fixed sizes and field values of zip (APPNOTE 6.3) that the writers (zip.ts, zip-stream.ts)
 * and the reader (zip-directory.ts) use: one place for the format's numbers.
 */
export const LOCAL_HEADER = 0x04034b50;
export const CENTRAL_HEADER = 0x02014b50;
export const DATA_DESCRIPTOR = 0x08074b50;
export const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
export const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
export const ZIP64_END_LOCATOR = 0x07064b50;
export const LOCAL_HEADER_SIZE = 30;
export const CENTRAL_HEADER_SIZE = 46;
export const END_SIZE = 22;
export const ZIP64_END_SIZE = 56;
export const ZIP64_LOCATOR_SIZE = 20;
export const FLAG_ENCRYPTED = 0x0001;
/** CRC and sizes follow the data in a data descriptor (the local header has zeros): for bytes of unknown length. */
export const FLAG_DATA_DESCRIPTOR = 0x0008;
export const FLAG_UTF8_NAME = 0x0800;
export const METHOD_STORE = 0;
export const METHOD_DEFLATE = 8;
/** "Version needed to extract": 2.0 for deflate and folders, 4.5 for zip64 records. */
export const VERSION_DEFAULT = 20;
export const VERSION_ZIP64 = 45;
/** MS-DOS directory attribute, in the central header's external attributes. */
export const DOS_DIRECTORY = 0x10;
/** The zip64 extended information extra field's header id. */
export const ZIP64_EXTRA = 0x0001;
/** A 32-bit size or offset of this value means "see the zip64 extra field". */
export const ZIP64_MARK = 0xffffffff;
/** An entry count of this value in the end record means "see the zip64 end record". */
export const ZIP64_COUNT_MARK = 0xffff;
