import type { MessageRef } from '../../ksuite/webmail-dom';
import { listAttachments } from '../../mail/attachments';
import { emlFileName, subjectFileStem, zipArchiveName } from '../../mail/naming';
import { buildZip } from '../../mail/zip';
import { addAttachmentsToLayout, ZipLayout } from '../../mail/zip-layout';
import { saveFile } from '../../page/save-file';
import { t } from '../../i18n';
import type { ZipPreferences } from '../attachments-zip';
import type { ActionOptions } from '../eml-export';
import type { MessageSource } from '../../ksuite/message-source';
import { addServerArchiveToLayout } from './server-archive-zip';
import { describeError, isCancellation, isSignedOut } from './user-facing-error';

export type BulkLayout = 'folder-per-message' | 'flat';

export interface BulkOutcome {
  fileName: string;
  saved: number;
  /** Messages that could not be included, each with the reason the user is shown. */
  missing: { subject: string; reason: string }[];
}

/** The list of what is missing also goes into the archive, so the zip itself never looks complete when it is not. */
const MISSING_LIST_NAME = 'NOT INCLUDED.txt';

/** "Save selected as .zip of .eml": every selected message, byte for byte, one .eml each. */
export function saveSelectedAsEmlZip(source: MessageSource, refs: readonly MessageRef[], options: ActionOptions = {}) {
  return bulkZip(source, refs, t('bulk_emlArchiveName', String(refs.length)), options, async (ref, layout) => {
    const details = await source.details(ref, options.signal);
    const raw = await source.raw(ref, { signal: options.signal });
    const date = new Date(details.date);
    layout.addFile([], emlFileName(date, details.subject, { fallbackSubject: t('noSubject') }), raw, {
      mimeType: 'message/rfc822',
      date,
    });
  });
}

/** "Attachments of selected → .zip": a folder per message (date – subject), or all files side by side. */
export function saveSelectedAttachmentsZip(
  source: MessageSource,
  refs: readonly MessageRef[],
  preferences: ZipPreferences & { layout: BulkLayout },
  options: ActionOptions = {},
) {
  return bulkZip(source, refs, t('bulk_attachmentsArchiveName', String(refs.length)), options, async (ref, layout) => {
    const { signal } = options;
    const details = await source.details(ref, signal);
    const date = new Date(details.date);
    const folderName = zipArchiveName(date, details.subject, { fallbackSubject: t('noSubject') }).replace(/\.zip$/, '');
    const baseFolders = preferences.layout === 'flat' ? [] : [{ key: ref.uid, name: folderName }];
    // As for one message: the server's archive when it matches, else the raw message zipped here.
    if (await addServerArchiveToLayout(layout, source, ref, details, preferences, { baseFolders, date, signal }))
      return;
    const raw = await source.raw(ref, { signal });
    const attachments = await listAttachments(raw, {
      inlineImages: preferences.includeInlineImages,
      nestedMessages: preferences.nestedMessages,
    });
    addAttachmentsToLayout(layout, attachments, { date, fallbackSubject: t('noSubject'), baseFolders });
  });
}

async function bulkZip(
  source: MessageSource,
  refs: readonly MessageRef[],
  archiveTitle: string,
  options: ActionOptions,
  addMessage: (ref: MessageRef, layout: ZipLayout) => Promise<void>,
): Promise<BulkOutcome> {
  const layout = new ZipLayout();
  const missing: BulkOutcome['missing'] = [];
  let done = 0;
  for (const ref of refs) {
    options.onProgress?.({ phase: 'download', received: done, total: refs.length });
    try {
      await addMessage(ref, layout);
    } catch (error) {
      // Signed out, the rest would fail alike: the user is asked to sign in and start again, nothing half saved.
      if (isCancellation(error) || isSignedOut(error)) throw error;
      const subject = await source
        .details(ref)
        .then((d) => d.subject ?? t('noSubject'))
        .catch(() => ref.uid);
      missing.push({ subject, reason: describeError(error).text });
    }
    done++;
  }
  const saved = refs.length - missing.length;
  if (saved === 0) throw new BulkNothingSavedError(missing);
  if (missing.length > 0) {
    const text = missing.map((m) => `${m.subject}\n  ${m.reason}\n`).join('\n');
    layout.addFile([], MISSING_LIST_NAME, new TextEncoder().encode(text), { mimeType: 'text/plain' });
  }
  const zip = await buildZip(layout.entries, {
    date: new Date(),
    signal: options.signal,
    onProgress: options.onProgress && ((p) => options.onProgress!({ phase: 'zip', ...p })),
  });
  const fileName = zipArchiveName(new Date(), subjectFileStem(archiveTitle));
  await saveFile(zip, fileName, 'application/zip');
  return { fileName, saved, missing };
}

export class BulkNothingSavedError extends Error {
  override readonly name = 'BulkNothingSavedError';
  constructor(readonly missing: BulkOutcome['missing']) {
    super('no message could be saved');
  }
}
