/**
 * JSON shapes of the kSuite Mail API (snake_case), only the fields the extension reads. Where the server sends a
 * field in more than one form, the `Api…` type says what may arrive and normalise.ts turns it into the one shape
 * the rest of the extension sees (the type without the prefix).
 */

export interface Recipient {
  email: string;
  name: string;
}

export interface Mailbox {
  uuid: string;
  email: string;
  mailbox: string;
  mailbox_id: number;
  is_primary: boolean;
  is_locked?: boolean;
  unseen_messages?: number;
}

export type FolderRole =
  | 'INBOX'
  | 'COMMERCIAL'
  | 'SOCIALNETWORKS'
  | 'SENT'
  | 'SNOOZED'
  | 'SCHEDULED_DRAFTS'
  | 'DRAFT'
  | 'SPAM'
  | 'TRASH'
  | 'ARCHIVE';

export interface ApiFolder {
  id: string;
  path: string;
  name: string;
  role: FolderRole | null;
  unread_count: number;
  /** Between the names of a nested folder's path ("/" or "."). */
  separator?: string;
  /** Messages in the folder; not every answer carries it. */
  total_count?: number | null;
  children?: ApiFolder[];
}

export interface Folder extends Omit<ApiFolder, 'total_count' | 'children'> {
  /** Messages in the folder, or null when the server did not say. */
  total_count: number | null;
  children: Folder[];
}

export interface ApiAttachment {
  uuid: string;
  /** The MIME part ("2", "1.3"): sometimes a string, sometimes a number (ios-kMail `Attachment.swift`). */
  part_id: string | number;
  mime_type: string;
  size: number;
  name: string;
  disposition: 'inline' | 'attachment' | string;
  content_id: string | null;
  /** Where the attachment alone can be downloaded; optional (ios-kMail `Attachment.swift`). */
  resource?: string | null;
}

export interface Attachment extends Omit<ApiAttachment, 'part_id' | 'resource'> {
  part_id: string;
  /** Null when the server offers no download of this attachment alone: only the raw message holds it. */
  resource: string | null;
}

export interface ApiMessage {
  uid: string;
  msg_id: string;
  subject: string | null;
  date: string;
  internal_date?: string;
  from: Recipient[];
  to: Recipient[];
  /** Size of the message in bytes; missing or 0 in some answers (android-kMail defaults it to 0). */
  size?: number | null;
  seen: boolean;
  flagged: boolean;
  resource: string;
  download_resource: string;
  has_attachments: boolean;
  preview?: string;
  attachments?: ApiAttachment[] | null;
  /** A path for the message's attachments (android-kMail `attachmentsResource`, a nullable string). */
  attachments_resources?: string | null;
  folder_id: string;
  is_draft?: boolean;
  /** The message's text, on the single-message route only (not in lists); HTML keeps its `cid:` links. */
  body?: MessageBody | null;
}

export interface MessageBody {
  type: string;
  value: string;
}

export interface Message extends Omit<ApiMessage, 'size' | 'attachments' | 'attachments_resources'> {
  /** Size of the raw message in bytes, or null when the server did not give a usable one. */
  size: number | null;
  attachments: Attachment[];
  attachments_resources: string | null;
}

/** `mobile/date-ordered-messages-uids`: newest uids first, and the signature to ask for changes since. */
export interface FolderMessageUids {
  messages_uids: number[];
  signature: string;
}

/** `mobile/activities`: what changed in a folder since a signature (`updated[].uid` and `deleted` are short uids). */
export interface FolderActivities {
  deleted: string[];
  updated: { uid: string; seen: boolean; flagged: boolean; answered?: boolean; forwarded?: boolean }[];
  added: number[];
  unread_count: number;
  signature: string;
}

/** `mobile/messages`: message summaries (no body) for a list of short uids. */
export interface ApiMessagesByUids {
  messages?: ApiMessage[] | null;
}

export interface MessagesByUids {
  messages: Message[];
}

export interface ApiThread {
  uid: string;
  messages: ApiMessage[];
  unseen_messages: number;
  subject: string | null;
  date: string;
  has_attachments: boolean;
}

export interface Thread extends Omit<ApiThread, 'messages'> {
  messages: Message[];
}

export interface ApiThreadList {
  threads: ApiThread[];
  total_messages_count: number;
  messages_count: number;
  current_offset: number;
  folder_unseen_messages: number;
  resource_next: string | null;
}

export interface ThreadList extends Omit<ApiThreadList, 'threads'> {
  threads: Thread[];
}

/** One page of a folder's messages listed one by one (`thread=off`). */
export interface MessagePage {
  messages: Message[];
  /** Messages in the whole list, when the server said. */
  total: number | null;
  /** The server offers a next page. */
  hasMore: boolean;
}

export interface SuccessEnvelope<T> {
  result: 'success';
  data: T;
}

export interface ErrorEnvelope {
  result: 'error';
  error: { code: string; description?: string };
}
