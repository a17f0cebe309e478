/** JSON shapes of the kSuite Mail API (snake_case, as served), only the fields the extension reads. */

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

export interface Folder {
  id: string;
  path: string;
  name: string;
  role: FolderRole | null;
  unread_count: number;
  children: Folder[];
}

export interface Attachment {
  uuid: string;
  part_id: string;
  mime_type: string;
  size: number;
  name: string;
  disposition: 'inline' | 'attachment' | string;
  content_id: string | null;
  resource: string;
}

export interface Message {
  uid: string;
  msg_id: string;
  subject: string | null;
  date: string;
  internal_date?: string;
  from: Recipient[];
  to: Recipient[];
  size: number;
  seen: boolean;
  flagged: boolean;
  resource: string;
  download_resource: string;
  has_attachments: boolean;
  preview?: string;
  attachments: Attachment[];
  folder_id: string;
  is_draft?: boolean;
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
export interface MessagesByUids {
  messages: Message[];
}

export interface Thread {
  uid: string;
  messages: Message[];
  unseen_messages: number;
  subject: string | null;
  date: string;
  has_attachments: boolean;
}

export interface ThreadList {
  threads: Thread[];
  total_messages_count: number;
  messages_count: number;
  current_offset: number;
  folder_unseen_messages: number;
  resource_next: string | null;
}

export interface SuccessEnvelope<T> {
  result: 'success';
  data: T;
}

export interface ErrorEnvelope {
  result: 'error';
  error: { code: string; description?: string };
}
