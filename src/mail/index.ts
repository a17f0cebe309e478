/**
 * Public surface of the message core. Features and UI import from here; the modules behind it are free to change.
 * Everything re-exported is pure TypeScript: no browser extension API, no DOM beyond what Node also has.
 */

export { MailError, isMailError, type MailErrorCode } from './errors';

// Reading messages
export { parseMessage, type ParsedMessage, type ParsedAttachment } from './parse-message';
export { listAttachments, type ListAttachmentsOptions, type MailAttachment } from './attachments';
export { readTnef, isTnef, type TnefContents, type TnefFile } from './tnef';

// Headers
export * from './headers/index';
export {
  splitHeaderBlock,
  parseHeaderFields,
  unfoldHeaderBlock,
  type HeaderBlock,
  type HeaderField,
} from './header-block';
export { parseMailDate, type ParsedMailDate } from './dates';
export { decodeEncodedWords } from './encoded-words';

// Writing files
export {
  safeFileName,
  uniqueFileNames,
  FileNameAllocator,
  MAX_FILE_NAME_BYTES,
  type SafeFileNameOptions,
} from './safe-file-name';
export { findRiskyFiles, type RiskyFile, type RiskyFileReason, type AttachmentName } from './risky-files';
export { zipArchiveName, emlFileName, subjectFileStem, type MessageFileNameOptions } from './naming';
export { buildZip, type BuildZipOptions, type ZipEntryInput, type ZipProgress } from './zip';
export {
  ZipStreamWriter,
  type ZipSink,
  type ZipStreamEntry,
  type ZipStreamOptions,
  type ZipStreamSource,
  type ZipStreamTotals,
} from './zip-stream';
export {
  ZipLayout,
  addAttachmentsToLayout,
  zipEntriesForAttachments,
  type AttachmentLayoutOptions,
  type LayoutFolder,
} from './zip-layout';
export { chooseCompression, type ZipCompression } from './compressibility';
export { createMboxStream, type MboxMessage } from './mbox';
