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

/** The mailboxes one Infomaniak account sees, and the messages in them. */
export interface AccountCorpus {
  mailboxes: CorpusMailbox[];
  messages: CorpusMessage[];
}

/**
 * The demo account (`mailboxes`, `messages`), and optionally more accounts. Each account signs in with its primary
 * mailbox's address and sees only its own mailboxes; their folders and uids count independently, so two accounts
 * have messages with the same folder id and uid.
 */
export interface ReplicaCorpus extends AccountCorpus {
  otherAccounts?: AccountCorpus[];
}
