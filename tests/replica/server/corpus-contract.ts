// The shape the replica needs from a message corpus. The project corpus (tests/replica/corpus) satisfies it
// structurally; tests may pass a smaller one. Kept here so the server compiles against a contract, not a file.

export interface CorpusFolder {
  /** IMAP path, '/'-separated ('INBOX', 'INBOX/Projects', 'Sent'). */
  path: string;
  name: string;
  /** One of the API roles (INBOX, SENT, DRAFT, SPAM, TRASH, ARCHIVE, …); absent for user folders. */
  role?: string;
  children?: CorpusFolder[];
}

export interface CorpusMailbox {
  email: string;
  name: string;
  isPrimary: boolean;
  folders: CorpusFolder[];
}

export interface CorpusMessage {
  id: string;
  /** Owning mailbox's email. */
  mailbox: string;
  /** IMAP path of the folder holding it. */
  folder: string;
  raw: Uint8Array;
  seen: boolean;
  flagged: boolean;
  answered?: boolean;
  /** ISO date the server received it; orders messages and assigns uids. */
  internalDate: string;
}

/**
 * A message whose bytes are made only when asked for, so a corpus can hold gigabytes without holding them
 * (corpus/big-mailbox.ts). Everything the API says about it comes from `facts()`, known from how the bytes are
 * built; tests check the two agree by parsing a sample.
 */
export interface GeneratedMessageBody {
  /** Exact length of the bytes `chunks()` yields, known without making them. */
  readonly size: number;
  /** The message's bytes in order, a piece at a time (each at most a few hundred KiB). */
  chunks(): Iterable<Uint8Array>;
  facts(): GeneratedMessageFacts;
  /** Message-ID and the ids it answers, cheaper than facts(): threading a folder asks every message. */
  threadIds?(): { msgId: string | null; relatedIds: string[] };
}

export interface GeneratedMessageFacts {
  /** With angle brackets, as a parser reports it; null when the message has no Message-ID. */
  msgId: string | null;
  /** Decoded. */
  subject: string;
  /** The Date header's instant, ISO 8601 in UTC. */
  date: string;
  from: { email: string; name: string }[];
  to: { email: string; name: string }[];
  inReplyTo: string | null;
  references: string[];
  /** Top-level header fields, unfolded, values undecoded. */
  headers: { name: string; value: string }[];
  /** The decoded text/plain body, as a parser returns it (built on call: up to tens of KB). */
  text(): string;
  /** The text's first few hundred characters, enough for a preview, without making the rest. */
  textStart(): string;
  attachments: GeneratedAttachmentFacts[];
}

export interface GeneratedAttachmentFacts {
  partId: string;
  name: string;
  mimeType: string;
  encoding: string;
  /** Decoded size in bytes. */
  size: number;
  /** The decoded bytes, built on call. */
  content(): Uint8Array;
}

export interface GeneratedCorpusMessage extends Omit<CorpusMessage, 'raw'> {
  body: GeneratedMessageBody;
}

/** The mailboxes one Infomaniak account sees, and the messages in them. */
export interface AccountCorpus {
  mailboxes: CorpusMailbox[];
  messages: CorpusMessage[];
  /**
   * Messages made on the fly, in arrival order within each folder; called again on every reset, so nothing of them
   * needs to stay in memory between stores.
   */
  generatedMessages?: () => Iterable<GeneratedCorpusMessage>;
}

/**
 * The demo account (`mailboxes`, `messages`), and optionally more accounts. Each account signs in with its primary
 * mailbox's address and sees only its own mailboxes; their folders and uids count independently, so two accounts
 * have messages with the same folder id and uid.
 */
export interface ReplicaCorpus extends AccountCorpus {
  otherAccounts?: AccountCorpus[];
  /** Makes the messages `control.addMessages` adds; a corpus without it refuses that call. */
  newMessage?: (request: NewMessageRequest) => { body: GeneratedMessageBody; internalDate: string };
}

export interface NewMessageRequest {
  mailbox: { email: string; name: string };
  /** IMAP path of the folder it goes to. */
  folder: string;
  /** 1 for the first message added since the store was (re)built, across folders: same calls, same messages. */
  sequence: number;
}
