import type { FolderRole } from '../ksuite/types';
import { t, type MessageKey } from '../i18n';

/**
 * The names the special folders go by in Infomaniak's apps, in the user's language (android-kMail's strings
 * `inboxFolder`, `sentFolder` …; in German the help centre's words where it has them: Posteingang, Gesendete
 * Nachrichten, Entwürfe, Papierkorb, Archiv). The server calls its inbox "INBOX" and the others what they were named
 * when made, often in English, and the webmail shows them by role; so does every list of folders here.
 */
const ROLE_NAMES: Record<FolderRole, MessageKey> = {
  INBOX: 'folder_inbox',
  SENT: 'folder_sent',
  DRAFT: 'folder_drafts',
  SPAM: 'folder_spam',
  TRASH: 'folder_trash',
  ARCHIVE: 'folder_archive',
  COMMERCIAL: 'folder_commercial',
  SOCIALNETWORKS: 'folder_socialNetworks',
  SNOOZED: 'folder_snoozed',
  SCHEDULED_DRAFTS: 'folder_scheduled',
};

/** A folder's name as the user knows it: its role's name for a special folder, else the server's name. */
export function folderDisplayName(folder: { name: string; role?: FolderRole | null }): string {
  const key = folder.role ? ROLE_NAMES[folder.role] : undefined;
  return key ? t(key) : folder.name;
}
