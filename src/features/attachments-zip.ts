import { formatBytes, t } from '../i18n';
import { attachmentsForArchive } from '../ksuite/attachments-archive';
import type { Attachment, Message } from '../ksuite/types';
import { zipArchiveName } from '../mail/naming';
import { saveFile } from '../page/save-file';
import { defineAction, transferProgress, type ActionDetail, type MessageContext } from './action';
import { NoAttachmentsError } from './shared/user-facing-error';
import type { ZipPreferences } from './shared/zip-preferences';

/**
 * "Attachments (.zip)", saved as `YYYY-MM-DD – subject.zip`: from the server's archive when it holds exactly the
 * files the raw message zipped here would give, else from the raw message, fetched once, its attachments listed and
 * zipped here; either way the same files (attachments-zip.routes.replica.test.ts). Every
 * attachment the message has goes in; a failure fails the whole action with a message, never a smaller zip.
 * Of a selection: one .zip, a folder per message that has attachments (date – subject) or all files side by side,
 * named by how many messages are in it; when none has any, nothing is saved and the user is told so.
 */
export default defineAction({
  id: 'zip',
  label: 'action_attachmentsZip',
  tooltip: 'tooltip_attachmentsZip',
  icon: 'zip',
  needs: ['details', 'server-archive', 'raw'],
  message: {
    run: saveAttachmentsZip,
    detail: attachmentSummary,
    unavailable: (details, preferences) => filesOf(details, preferences).length === 0,
  },
  selection: {
    label: 'bulk_attachmentsZip',
    tooltip: 'bulkBar_attachmentsZipTooltip',
    async run(context) {
      const { source, signal } = context;
      const preferences = await context.preferences();
      const layoutChoice = context.layout ?? preferences.layout;
      const naming = { one: 'bulkResult_attachmentsArchiveNameOne', many: 'bulk_attachmentsArchiveName' } as const;
      const { addAttachmentsToLayout, addServerArchiveToLayout, bulkZip, listAttachments } =
        await import('./shared/zipping');
      return bulkZip(context, naming, async (ref, layout) => {
        const details = await source.details(ref, signal);
        const date = new Date(details.date);
        const folderName = zipArchiveName(date, details.subject, { fallbackSubject: t('noSubject') }).replace(
          /\.zip$/,
          '',
        );
        const baseFolders = layoutChoice === 'flat' ? [] : [{ key: ref.uid, name: folderName }];
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
    },
  },
});

async function saveAttachmentsZip({ source, message, signal, onProgress, preferences: read }: MessageContext) {
  const preferences = await read();
  const { buildZip, listAttachments, zipEntriesForAttachments, zipFromServerArchive } =
    await import('./shared/zipping');
  const details = await source.details(message, signal);
  const date = new Date(details.date);
  const fileName = zipArchiveName(date, details.subject, {
    fallbackSubject: t('noSubject'),
    withDate: preferences.fileNamesWithDate,
  });

  const fromServer = await zipFromServerArchive(
    source,
    message,
    details,
    preferences,
    date,
    signal,
    transferProgress(onProgress),
  );
  if (fromServer) {
    await saveFile(fromServer.zip, fileName, 'application/zip');
    return { kind: 'saved', fileName } as const;
  }

  const raw = await source.raw(message, { signal, ...transferProgress(onProgress) });
  const attachments = await listAttachments(raw, {
    inlineImages: preferences.includeInlineImages,
    nestedMessages: preferences.nestedMessages,
  });
  if (attachments.length === 0) throw new NoAttachmentsError();
  const entries = zipEntriesForAttachments(attachments, { date, fallbackSubject: t('noSubject') });
  const zip = await buildZip(entries, { date, signal, onProgress: (p) => onProgress({ phase: 'zip', ...p }) });
  await saveFile(zip, fileName, 'application/zip');
  return { kind: 'saved', fileName } as const;
}

/** The webmail lists inline images (signatures, logos) with the attachments; the zip leaves them out unless asked. */
function filesOf(details: Message, preferences: ZipPreferences): Attachment[] {
  return attachmentsForArchive(details, { includeInline: preferences.includeInlineImages });
}

/**
 * In the webmail's own words and units, so that its line and ours agree on the same files: "2 attachments · 102 KB"
 * where the zip holds them all, "1 of 2 · 100 KB" where it leaves inline images out, which the note says (beside the
 * label "Attachments (.zip)", so the noun is not said twice: at 1280 px the toolbar keeps to one row).
 */
function attachmentSummary(details: Message, preferences: ZipPreferences): ActionDetail {
  const files = filesOf(details, preferences);
  const listed = Array.isArray(details.attachments) ? details.attachments.length : 0;
  const size = formatBytes(files.reduce((sum, a) => sum + a.size, 0));
  const leftOut = listed - files.length;
  const note =
    leftOut <= 0
      ? undefined
      : leftOut === 1
        ? t('saving_inlineLeftOutOne')
        : t('saving_inlineLeftOutMany', String(leftOut));
  if (files.length === 0) return { text: t('action_attachmentsNone'), note };
  if (note) return { text: t('saving_partOf', [String(files.length), String(listed), size]), note };
  return {
    text:
      files.length === 1 ? t('action_attachmentsOne', size) : t('action_attachmentsMany', [String(files.length), size]),
  };
}
