import type { StoredMessage } from './mail-store.ts';
import type { MessageJson } from './message-json.ts';
import type { Recipient } from './parsed-message.ts';

// Conversation grouping for thread=on: messages sharing any message-id through Message-ID, References or
// In-Reply-To land in one thread (so two replies to a message outside the folder still meet).

export interface ThreadJson {
  uid: string;
  messages_count: number;
  deleted_messages_count: number;
  messages: MessageJson[];
  unseen_messages: number;
  from: Recipient[];
  to: Recipient[];
  cc: Recipient[];
  bcc: Recipient[];
  subject: string;
  date: string;
  internal_date: string;
  has_attachments: boolean;
  has_drafts: boolean;
  flagged: boolean;
  answered: boolean;
  forwarded: boolean;
}

interface Linkable {
  message: StoredMessage;
  msgId: string | null;
  relatedIds: string[];
}

/** Groups messages (given newest first) into conversations, keeping newest-first order between groups. */
export function groupIntoThreads(items: Linkable[]): StoredMessage[][] {
  const parent = new Map<string, string>();
  const find = (node: string): string => {
    let root = node;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(node, root);
    return root;
  };
  const union = (a: string, b: string) => {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    parent.set(find(a), find(b));
  };
  items.forEach((item, index) => {
    const self = `#${index}`;
    parent.set(self, self);
    for (const id of [item.msgId, ...item.relatedIds]) if (id) union(self, id);
  });
  const groups = new Map<string, StoredMessage[]>();
  items.forEach((item, index) => {
    const root = find(`#${index}`);
    const group = groups.get(root) ?? [];
    group.push(item.message);
    groups.set(root, group);
  });
  // Map preserves the order in which each group's newest message was met, i.e. newest-first.
  return [...groups.values()];
}

/** Thread JSON from its messages' JSON, oldest first inside the thread as a conversation reads. */
export function threadJson(newestFirst: MessageJson[]): ThreadJson {
  const messages = [...newestFirst].reverse();
  const newest = newestFirst[0];
  const oldest = messages[0];
  if (!newest || !oldest) throw new Error('a thread needs at least one message');
  const unique = (lists: Recipient[][]) => {
    const seen = new Map<string, Recipient>();
    for (const recipient of lists.flat())
      if (!seen.has(recipient.email.toLowerCase())) seen.set(recipient.email.toLowerCase(), recipient);
    return [...seen.values()];
  };
  return {
    // The oldest message's uid names the thread, so it stays stable when replies arrive.
    uid: oldest.uid,
    messages_count: messages.length,
    deleted_messages_count: 0,
    messages,
    unseen_messages: messages.filter((m) => !m.seen).length,
    from: unique(messages.map((m) => m.from)),
    to: unique(messages.map((m) => m.to)),
    cc: unique(messages.map((m) => m.cc)),
    bcc: unique(messages.map((m) => m.bcc)),
    subject: oldest.subject,
    date: newest.date,
    internal_date: newest.internal_date,
    has_attachments: messages.some((m) => m.has_attachments),
    has_drafts: messages.some((m) => m.is_draft),
    flagged: messages.some((m) => m.flagged),
    answered: messages.some((m) => m.answered),
    forwarded: messages.some((m) => m.forwarded),
  };
}
