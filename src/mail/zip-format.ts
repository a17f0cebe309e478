/**
 * The record signatures, fixed sizes and field values of classic zip (APPNOTE 6.3) that both the writer (zip.ts) and
 * the reader (zip-directory.ts) use: one place for the format's numbers.
 */
export const LOCAL_HEADER = 0x04034b50;
export const CENTRAL_HEADER = 0x02014b50;
export const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
export const ZIP64_END_LOCATOR = 0x07064b50;
export const LOCAL_HEADER_SIZE = 30;
export const CENTRAL_HEADER_SIZE = 46;
export const END_SIZE = 22;
export const FLAG_ENCRYPTED = 0x0001;
export const FLAG_UTF8_NAME = 0x0800;
export const METHOD_STORE = 0;
export const METHOD_DEFLATE = 8;
/** A 32-bit size or offset of this value means "see the zip64 extra field". */
export const ZIP64_MARK = 0xffffffff;
