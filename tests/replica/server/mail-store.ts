import { createHash, randomBytes } from 'node:crypto';
import { FolderChangeLog } from './change-log.ts';
import type {
  AccountCorpus,
  CorpusFolder,
  CorpusMessage,
  GeneratedCorpusMessage,
  ReplicaCorpus,
} from './corpus-contract.ts';
import { folderIdFromPath } from './folder-id.ts';
import { generatedContent, heldContent, type MessageContent } from './message-content.ts';

// The replica's mutable mail state: mailboxes, folders, messages with their flags and uids. Knows nothing of
// HTTP or JSON; the API layer reads it and the control interface changes it.

export interface MessageFlags {
  seen: boolean;
  flagged: boolean;
  answered: boolean;
  forwarded: boolean;
}

export interface StoredMessage {
  /** Stable identity across moves (corpus id, or generated for deliveries). */
  key: string;
  mailbox: StoredMailbox;
  folder: StoredFolder;
  /** IMAP-style uid, unique and increasing within the folder, never reused. */
  uid: number;
  /** The bytes, held or generated on demand. */
  content: MessageContent;
  internalDate: string;
  /** internalDate in ms, so ordering 30,000 messages never parses dates. */
  arrivedAt: number;
  flags: MessageFlags;
}

export interface StoredFolder {
  id: string;
  path: string;
  name: string;
  role: string | null;
  children: StoredFolder[];
  messages: Map<number, StoredMessage>;
  uidNext: number;
  changes: FolderChangeLog;
  /** Newest first, kept until the folder's messages change; every list route reads it, none sorts. */
  newestFirst: readonly StoredMessage[] | null;
}

export interface StoredMailbox {
  /** The account that sees it: that account's sign-in address (its primary mailbox's email, lower-cased). */
  account: string;
  uuid: string;
  email: string;
  name: string;
  isPrimary: boolean;
  mailboxId: number;
  hostingId: number;
  /** Top-level folders in display order; children hang below. */
  rootFolders: StoredFolder[];
  foldersById: Map<string, StoredFolder>;
  foldersByPath: Map<string, StoredFolder>;
}

/** Role given to well-known top-level paths when the corpus does not name one. */
const ROLE_BY_PATH: Record<string, string> = {
  INBOX: 'INBOX',
  Sent: 'SENT',
  Drafts: 'DRAFT',
  Spam: 'SPAM',
  Trash: 'TRASH',
  Archive: 'ARCHIVE',
  Archives: 'ARCHIVE',
};

function stableNumber(seed: string, digits: number): number {
  const hex = createHash('sha256').update(seed).digest('hex');
  return (parseInt(hex.slice(0, 12), 16) % (9 * 10 ** (digits - 1))) + 10 ** (digits - 1);
}

/** UUID-shaped and derived from the email, so a mailbox keeps its uuid across restarts and resets. */
function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(`mailbox:${seed}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function byInternalDate(a: CorpusMessage, b: CorpusMessage): number {
  return Date.parse(a.internalDate) - Date.parse(b.internalDate);
}

export class MailStore {
  /** Changes on every reset, so delta signatures from before it are refused. */
  readonly epoch = randomBytes(6).toString('hex');
  /** Sign-in addresses of the accounts, the demo account first. */
  readonly accounts: string[];
  private readonly mailboxesByEmail = new Map<string, StoredMailbox>();
  private deliveries = 0;
  private additions = 0;
  private readonly newMessage: ReplicaCorpus['newMessage'];

  constructor(corpus: ReplicaCorpus) {
    this.newMessage = corpus.newMessage;
    const accounts: AccountCorpus[] = [corpus, ...(corpus.otherAccounts ?? [])];
    this.accounts = accounts.map((account) => this.addAccount(account));
    // Uids follow arrival order, as an IMAP server assigns them.
    const ordered = accounts.flatMap((account) => account.messages).map((message, order) => ({ message, order }));
    ordered.sort((a, b) => byInternalDate(a.message, b.message) || a.order - b.order);
    for (const { message } of ordered) this.insertCorpusMessage(message);
    // Generated mailboxes come in arrival order already; their folders hold nothing else, so order is kept.
    for (const account of accounts)
      for (const message of account.generatedMessages?.() ?? []) this.insertGenerated(message);
  }

  /** Returns the account's sign-in address. */
  private addAccount(corpus: AccountCorpus): string {
    const primary = corpus.mailboxes.find((m) => m.isPrimary) ?? corpus.mailboxes[0];
    const account = (primary?.email ?? 'account').toLowerCase();
    const hostingId = stableNumber(primary?.email ?? 'hosting', 6);
    for (const source of corpus.mailboxes) {
      const mailbox: StoredMailbox = {
        account,
        uuid: stableUuid(source.email.toLowerCase()),
        email: source.email,
        name: source.name,
        isPrimary: source.isPrimary,
        mailboxId: stableNumber(`mailbox:${source.email}`, 6),
        hostingId,
        rootFolders: [],
        foldersById: new Map(),
        foldersByPath: new Map(),
      };
      mailbox.rootFolders = source.folders.map((folder) => this.addFolder(mailbox, folder));
      this.mailboxesByEmail.set(source.email.toLowerCase(), mailbox);
    }
    return account;
  }

  private addFolder(mailbox: StoredMailbox, source: CorpusFolder): StoredFolder {
    const folder = this.createFolder(source.path, source.name, source.role ?? ROLE_BY_PATH[source.path] ?? null);
    mailbox.foldersById.set(folder.id, folder);
    mailbox.foldersByPath.set(folder.path, folder);
    folder.children = (source.children ?? []).map((child) => this.addFolder(mailbox, child));
    return folder;
  }

  private createFolder(path: string, name: string, role: string | null): StoredFolder {
    return {
      id: folderIdFromPath(path),
      path,
      name,
      role,
      children: [],
      messages: new Map(),
      uidNext: 1,
      changes: new FolderChangeLog(),
      newestFirst: null,
    };
  }

  /** A corpus message may name a folder its mailbox's tree lacks; it then appears at the top level. */
  private folderForPath(mailbox: StoredMailbox, path: string): StoredFolder {
    const existing = mailbox.foldersByPath.get(path);
    if (existing) return existing;
    const folder = this.createFolder(path, path.split('/').pop() ?? path, ROLE_BY_PATH[path] ?? null);
    mailbox.foldersById.set(folder.id, folder);
    mailbox.foldersByPath.set(path, folder);
    mailbox.rootFolders.push(folder);
    return folder;
  }

  private insertCorpusMessage(source: CorpusMessage): void {
    const mailbox = this.mailboxByEmail(source.mailbox);
    if (!mailbox) throw new Error(`corpus message ${source.id} names unknown mailbox ${source.mailbox}`);
    const folder = this.folderForPath(mailbox, source.folder);
    this.place(mailbox, folder, {
      key: source.id,
      content: heldContent(source.raw),
      internalDate: source.internalDate,
      arrivedAt: Date.parse(source.internalDate),
      flags: { seen: source.seen, flagged: source.flagged, answered: source.answered ?? false, forwarded: false },
    });
  }

  private insertGenerated(source: GeneratedCorpusMessage): void {
    const mailbox = this.mailboxByEmail(source.mailbox);
    if (!mailbox) throw new Error(`generated message ${source.id} names unknown mailbox ${source.mailbox}`);
    this.place(mailbox, this.folderForPath(mailbox, source.folder), {
      key: source.id,
      content: generatedContent(source.body),
      internalDate: source.internalDate,
      arrivedAt: Date.parse(source.internalDate),
      flags: { seen: source.seen, flagged: source.flagged, answered: source.answered ?? false, forwarded: false },
    });
  }

  private place(
    mailbox: StoredMailbox,
    folder: StoredFolder,
    fields: Pick<StoredMessage, 'key' | 'content' | 'internalDate' | 'arrivedAt' | 'flags'>,
  ): StoredMessage {
    const { key, content, internalDate, arrivedAt, flags } = fields;
    const message: StoredMessage = {
      key,
      content,
      internalDate,
      arrivedAt,
      flags,
      mailbox,
      folder,
      uid: folder.uidNext,
    };
    folder.uidNext += 1;
    folder.messages.set(message.uid, message);
    folder.newestFirst = null;
    return message;
  }

  /**
   * Mailboxes in web-URL order: primary first, then by email in code-point order (as Infomaniak's iOS app sorts them
   * for its webmail links). The index in this list is the `/{n}` of the UI.
   */
  mailboxes(account = this.demoAccount()): StoredMailbox[] {
    return [...this.mailboxesByEmail.values()]
      .filter((mailbox) => mailbox.account === account)
      .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || compareCodePoints(a.email, b.email));
  }

  demoAccount(): string {
    return this.accounts[0] ?? '';
  }

  /** The demo account's primary mailbox. */
  primaryMailbox(): StoredMailbox {
    const first = this.mailboxes()[0];
    if (!first) throw new Error('the corpus has no mailbox');
    return first;
  }

  mailboxByEmail(email: string): StoredMailbox | undefined {
    return this.mailboxesByEmail.get(email.toLowerCase());
  }

  /** A mailbox the account sees; another account's mailbox is as unknown to it as a made-up uuid. */
  mailboxByUuid(uuid: string, account = this.demoAccount()): StoredMailbox | undefined {
    return this.mailboxes(account).find((mailbox) => mailbox.uuid === uuid);
  }

  folderByRole(mailbox: StoredMailbox, role: string): StoredFolder | undefined {
    return [...mailbox.foldersById.values()].find((folder) => folder.role === role);
  }

  /** Newest first by arrival, the order of every list the API returns. Shared: callers must not change it. */
  messagesIn(folder: StoredFolder): readonly StoredMessage[] {
    folder.newestFirst ??= [...folder.messages.values()].sort((a, b) => b.arrivedAt - a.arrivedAt || b.uid - a.uid);
    return folder.newestFirst;
  }

  unseenCount(folder: StoredFolder): number {
    let count = 0;
    for (const message of folder.messages.values()) if (!message.flags.seen) count += 1;
    return count;
  }

  /** Resolves an API uid "{shortUid}@{folderId}" within a mailbox. */
  messageByApiUid(mailbox: StoredMailbox, apiUid: string): StoredMessage | undefined {
    const at = apiUid.indexOf('@');
    if (at < 1) return undefined;
    const folder = mailbox.foldersById.get(apiUid.slice(at + 1));
    const uid = Number(apiUid.slice(0, at));
    return folder && Number.isInteger(uid) ? folder.messages.get(uid) : undefined;
  }

  setFlags(message: StoredMessage, patch: Partial<MessageFlags>): void {
    const before = JSON.stringify(message.flags);
    Object.assign(message.flags, patch);
    if (JSON.stringify(message.flags) !== before) message.folder.changes.record('updated', message.uid);
  }

  /** IMAP MOVE: the message gets a fresh uid in the destination; the source records a deletion. */
  move(message: StoredMessage, destination: StoredFolder): StoredMessage {
    if (destination === message.folder) return message;
    this.expunge(message);
    const moved = this.place(message.mailbox, destination, message);
    destination.changes.record('added', moved.uid);
    return moved;
  }

  expunge(message: StoredMessage): void {
    if (!message.folder.messages.delete(message.uid)) return;
    message.folder.newestFirst = null;
    message.folder.changes.record('deleted', message.uid);
  }

  /** Webmail "delete": to the trash, or gone for good when already there (or no trash exists). */
  delete(message: StoredMessage): void {
    const trash = this.folderByRole(message.mailbox, 'TRASH');
    if (trash && trash !== message.folder) this.move(message, trash);
    else this.expunge(message);
  }

  deliver(
    mailbox: StoredMailbox,
    folder: StoredFolder,
    raw: Uint8Array | MessageContent,
    internalDate = new Date(),
  ): StoredMessage {
    this.deliveries += 1;
    const message = this.place(mailbox, folder, {
      key: `delivered-${this.deliveries}`,
      content: raw instanceof Uint8Array ? heldContent(raw) : raw,
      internalDate: internalDate.toISOString(),
      arrivedAt: internalDate.getTime(),
      flags: { seen: false, flagged: false, answered: false, forwarded: false },
    });
    folder.changes.record('added', message.uid);
    return message;
  }

  /** `count` new messages from the corpus's generator, as if they had just arrived (see control.addMessages). */
  addNewMessages(mailbox: StoredMailbox, folder: StoredFolder, count: number): StoredMessage[] {
    const make = this.newMessage;
    if (!make) throw new Error('this corpus makes no new messages');
    const added: StoredMessage[] = [];
    for (let i = 0; i < count; i++) {
      this.additions += 1;
      const { body, internalDate } = make({
        mailbox: { email: mailbox.email, name: mailbox.name },
        folder: folder.path,
        sequence: this.additions,
      });
      added.push(this.deliver(mailbox, folder, generatedContent(body), new Date(internalDate)));
    }
    return added;
  }

  /** Opaque delta cursor naming the folder's journal position in this epoch. */
  signatureFor(folder: StoredFolder): string {
    return Buffer.from(`${this.epoch}:${folder.id}:${folder.changes.position}`).toString('base64url');
  }

  /** Journal position a signature names, or undefined if it is foreign, from another epoch, or malformed. */
  positionFromSignature(folder: StoredFolder, signature: string): number | undefined {
    const parts = Buffer.from(signature, 'base64url').toString('utf8').split(':');
    if (parts.length !== 3 || parts[0] !== this.epoch || parts[1] !== folder.id) return undefined;
    const position = Number(parts[2]);
    if (!Number.isInteger(position) || position < 0 || position > folder.changes.position) return undefined;
    return position;
  }
}

/** Swift's `<` on strings (the iOS app's mailbox order): code points of the NFC forms, one by one. */
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a.normalize('NFC'), (c) => c.codePointAt(0)!);
  const right = Array.from(b.normalize('NFC'), (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i]! - right[i]!;
  }
  return left.length - right.length;
}
