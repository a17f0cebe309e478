/** The shapes the corpus hands to the replica server and to tests. Other helpers depend on these names. */

export type FolderRole = 'INBOX' | 'SENT' | 'DRAFT' | 'SPAM' | 'TRASH' | 'ARCHIVE' | 'COMMERCIAL' | 'SOCIALNETWORKS';

export interface CorpusFolder {
  /** IMAP path with '/' as separator, e.g. 'INBOX/Projects/2026'. */
  path: string;
  name: string;
  role?: FolderRole;
  children?: CorpusFolder[];
}

export interface CorpusMailbox {
  email: string;
  name: string;
  isPrimary: boolean;
  folders: CorpusFolder[];
}

export interface ExpectedAttachment {
  /** The decoded name, exactly as it was encoded (hostile names included); '' for a part with an empty name. */
  name: string;
  /** Decoded size in bytes. */
  size: number;
  mimeType: string;
  inline?: boolean;
}

/** A file inside a container attachment: a forwarded message (message/rfc822) or a winmail.dat (TNEF). */
export interface ExpectedInnerFile {
  name: string;
  size: number;
  mimeType?: string;
}

export interface ExpectedContainer {
  /** Name of the attachment that contains the files (as in `attachments`). */
  container: string;
  /** Subject of the embedded message, for message/rfc822 containers. */
  subject?: string;
  files: ExpectedInnerFile[];
}

export interface CorpusExpectations {
  /** Decoded subject, when well-defined. */
  subject?: string;
  /** Top-level attachments (inline images included, with `inline: true`). */
  attachments?: ExpectedAttachment[];
  malformed?: boolean;
  /** What sits inside container attachments; only where the message has one. */
  containers?: ExpectedContainer[];
}

export interface CorpusMessage {
  /** Stable slug used by tests, e.g. 'alt-with-attachments'. */
  id: string;
  mailbox: string;
  folder: string;
  /** The exact RFC 5322 bytes, CRLF line ends. */
  raw: Uint8Array;
  seen: boolean;
  flagged: boolean;
  answered?: boolean;
  /** ISO date the server received it. */
  internalDate: string;
  /** Hand-written facts from how the message was built; never computed by a parser. */
  expect: CorpusExpectations;
}
