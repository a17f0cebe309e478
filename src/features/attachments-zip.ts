import type { MessageRef } from '../ksuite/webmail-dom';
import { listAttachments } from '../mail/attachments';
import { zipArchiveName } from '../mail/naming';
import { buildZip } from '../mail/zip';
import { zipEntriesForAttachments } from '../mail/zip-layout';
import { saveFile } from '../page/save-file';
import { t } from '../i18n';
import { downloadProgress, type ActionOptions } from './eml-export';
import type { MessageSource } from '../ksuite/message-source';
import { zipFromServerArchive } from './shared/server-archive-zip';
import { NoAttachmentsError } from './shared/user-facing-error';

export interface ZipPreferences {
  /** Start from the server's archive (`attachmentsArchive`) when it matches the message (see server-archive.ts). */
  useServerArchive: boolean;
  includeInlineImages: boolean;
  nestedMessages: 'eml' | 'expand';
  /** Saved files' names start with the message date. */
  fileNamesWithDate: boolean;
}

/**
 * "Attachments (.zip)", saved as `YYYY-MM-DD – subject.zip`: from the server's archive when it holds exactly the
 * message's attachments, else from the raw message, fetched once, its attachments listed and zipped here. Every
 * attachment the message has goes in; a failure fails the whole action with a message, never a smaller zip.
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

  const fromServer = await zipFromServerArchive(source, ref, details, preferences, date, signal);
  if (fromServer) {
    await saveFile(fromServer.zip, fileName, 'application/zip');
    return { fileName, fileCount: fromServer.fileCount };
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
