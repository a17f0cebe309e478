/**
 * The heavy half of the actions that make a .zip (MIME parsing, deflate, the server archive's directory), which the
 * action files load with `import()` when they run: the background and the popup list the actions (for the
 * right-click menu, for their buttons) without loading any of this. In the page's own script (one file, no chunks)
 * the bundler inlines it.
 */
export { listAttachments } from '../../mail/attachments';
export { buildZip } from '../../mail/zip';
export { addAttachmentsToLayout, zipEntriesForAttachments } from '../../mail/zip-layout';
export { bulkZip } from './bulk-zip';
export { addServerArchiveToLayout, zipFromServerArchive } from './server-archive-zip';
