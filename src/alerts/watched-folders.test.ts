import { describe, expect, it } from 'vitest';
import type { Folder } from '../ksuite/types';
import { flattenFolders, watchableFolders, watchedFoldersOf, watchesBeyondInbox } from './watched-folders';

const folder = (id: string, role: Folder['role'], children: Folder[] = []): Folder => ({
  id,
  path: id,
  name: id,
  role,
  unread_count: 1,
  total_count: 3,
  children,
});

const tree = [
  folder('inbox', 'INBOX', [folder('projects', null, [folder('2026', null)])]),
  folder('sent', 'SENT'),
  folder('drafts', 'DRAFT'),
  folder('spam', 'SPAM'),
  folder('trash', 'TRASH'),
  folder('scheduled', 'SCHEDULED_DRAFTS'),
  folder('archive', 'ARCHIVE'),
];
const flat = flattenFolders(tree);

describe('watched folders', () => {
  it('flattens the tree in order, with depths', () => {
    expect(flat.slice(0, 3).map((f) => [f.id, f.depth])).toEqual([
      ['inbox', 0],
      ['projects', 1],
      ['2026', 2],
    ]);
  });

  it('never offers Spam, Trash, Sent, Drafts or scheduled drafts', () => {
    expect(watchableFolders(flat).map((f) => f.id)).toEqual(['inbox', 'projects', '2026', 'archive']);
  });

  it('watches the INBOX of a mailbox the user never configured, and nothing of one set to none', () => {
    expect(watchedFoldersOf('m', flat, {}).map((f) => f.id)).toEqual(['inbox']);
    expect(watchedFoldersOf('m', flat, { m: [] })).toEqual([]);
    expect(watchedFoldersOf('m', flat, { m: ['projects', 'spam'] }).map((f) => f.id)).toEqual(['projects']);
  });

  it('knows when the cheap mailbox count is not enough', () => {
    expect(watchesBeyondInbox('m', flat, {})).toBe(false);
    expect(watchesBeyondInbox('m', flat, { m: ['inbox', 'archive'] })).toBe(true);
  });
});
