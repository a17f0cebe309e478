import type { MessageJson } from './message-json.ts';
import type { ThreadJson } from './threads.ts';

// JSON shapes of the API responses the replica builds (inside the envelope's `data`), beside MessageJson and
// ThreadJson. Typed here so routes and tests agree on them.

export type { AttachmentJson, MessageJson } from './message-json.ts';
export type { ThreadJson } from './threads.ts';

export interface MailboxJson {
  uuid: string;
  email: string;
  mailbox: string;
  mailbox_id: number;
  hosting_id: number;
  is_primary: boolean;
  is_locked: boolean;
  is_valid: boolean;
  unseen_messages: number;
  aliases: string[];
  is_part_of_ksuite: boolean;
}

export interface FolderJson {
  id: string;
  path: string;
  name: string;
  role: string | null;
  is_favorite: boolean;
  unread_count: number;
  total_count: number;
  separator: '/';
  children: FolderJson[];
}

export interface ThreadListJson {
  threads: ThreadJson[];
  total_messages_count: number;
  messages_count: number;
  current_offset: number;
  thread_mode: 'on' | 'off';
  folder_unseen_messages: number;
  resource_previous: string | null;
  resource_next: string | null;
}

export interface MessageUidsJson {
  messages_uids: number[];
  signature: string;
}

export interface ActivitiesJson {
  deleted: string[];
  updated: {
    uid: string;
    seen: boolean;
    flagged: boolean;
    answered: boolean;
    forwarded: boolean;
    scheduled: boolean;
  }[];
  added: number[];
  unread_count: number;
  signature: string;
}

export interface MessagesByUidsJson {
  messages: MessageJson[];
}

export interface SuccessEnvelope<T> {
  result: 'success';
  data: T;
}

export interface ErrorEnvelope {
  result: 'error';
  error: { code: string; description: string };
}
