import type { BackupFormat, BackupMailbox, BackupSelection } from '../../backup';

/** The folders ticked on the backup page, per mailbox uuid. */
export type ChosenFolders = ReadonlyMap<string, ReadonlySet<string>>;

/** Everything, as the page starts: a backup is of the whole mailbox unless the user says otherwise. */
export function everyFolder(mailboxes: readonly BackupMailbox[]): ChosenFolders {
  return new Map(mailboxes.map((mailbox) => [mailbox.uuid, new Set(mailbox.folders.map((folder) => folder.id))]));
}

/** A mailbox's own box ticks or clears all of its folders. */
export function chooseMailbox(chosen: ChosenFolders, mailbox: BackupMailbox, on: boolean): ChosenFolders {
  const next = new Map(chosen);
  next.set(mailbox.uuid, new Set(on ? mailbox.folders.map((folder) => folder.id) : []));
  return next;
}

/** A folder's box is its own: IMAP folders hold their own messages, a parent's box leaves its children alone. */
export function chooseFolder(chosen: ChosenFolders, mailboxUuid: string, folderId: string, on: boolean): ChosenFolders {
  const folders = new Set(chosen.get(mailboxUuid) ?? []);
  if (on) folders.add(folderId);
  else folders.delete(folderId);
  const next = new Map(chosen);
  next.set(mailboxUuid, folders);
  return next;
}

/** What a mailbox's box shows: ticked, cleared, or in between when only some of its folders are chosen. */
export function mailboxTick(chosen: ChosenFolders, mailbox: BackupMailbox): 'all' | 'some' | 'none' {
  const count = mailbox.folders.filter((folder) => chosen.get(mailbox.uuid)?.has(folder.id)).length;
  if (count === 0) return 'none';
  return count === mailbox.folders.length ? 'all' : 'some';
}

export interface ChosenTotal {
  /** The sum of the chosen folders' counts as the server gave them. */
  messages: number;
  folders: number;
  /** Chosen folders whose count the server did not give: the total is then a lower bound. */
  uncounted: number;
}

export function chosenTotal(chosen: ChosenFolders, mailboxes: readonly BackupMailbox[]): ChosenTotal {
  const total: ChosenTotal = { messages: 0, folders: 0, uncounted: 0 };
  for (const mailbox of mailboxes) {
    for (const folder of mailbox.folders) {
      if (!chosen.get(mailbox.uuid)?.has(folder.id)) continue;
      total.folders++;
      if (folder.totalCount === null) total.uncounted++;
      else total.messages += folder.totalCount;
    }
  }
  return total;
}

/** What the engine is asked for: the chosen folders in the page's order, mailboxes with none left out. */
export function selectionOf(
  chosen: ChosenFolders,
  mailboxes: readonly BackupMailbox[],
  format: BackupFormat,
  range: DateRange,
): BackupSelection {
  return {
    format,
    mailboxes: mailboxes
      .map((mailbox) => ({
        uuid: mailbox.uuid,
        email: mailbox.email,
        folderIds: mailbox.folders.filter((f) => chosen.get(mailbox.uuid)?.has(f.id)).map((f) => f.id),
      }))
      .filter((mailbox) => mailbox.folderIds.length > 0),
    from: range.from || null,
    to: range.to || null,
  };
}

/** The optional day range, as the date inputs give it: YYYY-MM-DD, or '' for no bound. */
export interface DateRange {
  from: string;
  to: string;
}

/** A range whose start is after its end would back up nothing: the page says so instead of starting. */
export function rangeIsBackwards(range: DateRange): boolean {
  return range.from !== '' && range.to !== '' && range.from > range.to;
}
