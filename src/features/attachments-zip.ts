import type { MessageRef } from '../ksuite/webmail-dom';
import { API_ROUTES } from '../ksuite/routes';
import { listAttachments } from '../mail/attachments';
import { zipArchiveName } from '../mail/naming';
import { buildZip } from '../mail/zip';
import { zipEntriesForAttachments } from '../mail/zip-layout';
import { saveFile } from '../page/save-file';
import { t } from '../ui/i18n';
import { downloadProgress, type ActionOptions } from './eml-export';
import type { MessageSource } from './message-source';
import { NoAttachmentsError } from './user-facing-error';

export interface ZipPreferences {
  /** Let the server build the archive (`attachmentsArchive`) instead of zipping in the browser. */
  useServerArchive: boolean;
  includeInlineImages: boolean;
  nestedMessages: 'eml' | 'expand';
  /** Saved files' names start with the message date. */
  fileNamesWithDate: boolean;
}

/**
 * "Attachments (.zip)": the raw message is fetched once, its attachments listed and zipped here, saved as
 * `YYYY-MM-DD – subject.zip`. Every attachment the message has goes in; a failure fails the whole action with
 * a message, never a silently smaller zip.
 */
export async function saveAttachmentsZip(
  source: MessageSource,
  ref: MessageRef,
  // The user's choices, with their defaults, live in src/settings (read through zip-preferences.ts).
  preferences: ZipPreferences,
  options: ActionOptions = {},
) {
  const { signal, onProgress } = options;
  const details = await source.details(ref, signal);
  const date = new Date(details.date);
  const fileName = zipArchiveName(date, details.subject, {
    fallbackSubject: t('noSubject'),
    withDate: preferences.fileNamesWithDate,
  });

  if (preferences.useServerArchive) {
    const bytes = await source.api.resource(API_ROUTES.attachmentsArchive(details.resource), {
      signal,
      onProgress: downloadProgress(onProgress),
    });
    await saveFile(bytes, fileName, 'application/zip');
    return { fileName, fileCount: null };
  }

  const raw = await source.raw(ref, { signal, onProgress: downloadProgress(onProgress) });
  const attachments = await listAttachments(raw, {
    inlineImages: preferences.includeInlineImages,
    nestedMessages: preferences.nestedMessages,
  });
  if (attachments.length === 0) throw new NoAttachmentsError();
  const entries = zipEntriesForAttachments(attachments, { date, fallbackSubject: t('noSubject') });
  const zip = await buildZip(entries, {
    date,
    signal,
    onProgress: onProgress && ((p) => onProgress({ phase: 'zip', ...p })),
  });
  await saveFile(zip, fileName, 'application/zip');
  return { fileName, fileCount: entries.length };
}
