/** The three mailboxes of the replica account, with their folder trees. Addresses use the reserved .example TLD. */

import type { CorpusFolder, CorpusMailbox } from './types.ts';

export const ANNA = 'anna.meier@muster.example';
export const SUPPORT = 'support@muster.example';
export const LEA = 'lea.rossi@studio-rossi.example';

/** The folders every kSuite mailbox has. */
function standardFolders(): CorpusFolder[] {
  return [
    { path: 'INBOX', name: 'INBOX', role: 'INBOX' },
    { path: 'Sent', name: 'Sent', role: 'SENT' },
    { path: 'Drafts', name: 'Drafts', role: 'DRAFT' },
    { path: 'Spam', name: 'Spam', role: 'SPAM' },
    { path: 'Trash', name: 'Trash', role: 'TRASH' },
    { path: 'Archive', name: 'Archive', role: 'ARCHIVE' },
  ];
}

function primaryFolders(): CorpusFolder[] {
  const folders = standardFolders();
  const inbox = folders[0]!;
  // Nested user folders under INBOX exercise the tree and '/'-separated paths.
  inbox.children = [
    {
      path: 'INBOX/Projects',
      name: 'Projects',
      children: [{ path: 'INBOX/Projects/2026', name: '2026' }],
    },
  ];
  return [
    ...folders,
    { path: 'Invoices', name: 'Invoices' },
    // kSuite sorts newsletters and social mail into folders of their own (roles COMMERCIAL, SOCIALNETWORKS).
    { path: 'Commercial', name: 'Commercial', role: 'COMMERCIAL' },
    { path: 'Social Networks', name: 'Social Networks', role: 'SOCIALNETWORKS' },
  ];
}

export const CORPUS_MAILBOXES: CorpusMailbox[] = [
  { email: ANNA, name: 'Anna Meier', isPrimary: true, folders: primaryFolders() },
  { email: SUPPORT, name: 'Muster AG Support', isPrimary: false, folders: standardFolders() },
  { email: LEA, name: 'Lea Rossi', isPrimary: false, folders: standardFolders() },
];

/** Every folder path of a mailbox, children included. */
export function folderPaths(mailbox: CorpusMailbox): string[] {
  const paths: string[] = [];
  const walk = (folders: readonly CorpusFolder[]): void => {
    for (const folder of folders) {
      paths.push(folder.path);
      walk(folder.children ?? []);
    }
  };
  walk(mailbox.folders);
  return paths;
}
