import { formatBytes, t } from '../i18n';
import { attachmentsForArchive } from '../ksuite/attachments-archive';
import type { Attachment, Message } from '../ksuite/types';
import { zipArchiveName } from '../mail/naming';
import { saveFile } from '../page/save-file';
import { defineAction, downloadProgress, type MessageContext } from './action';
import { NoAttachmentsError } from './shared/user-facing-error';

/**
 * "Attachments (.zip)", saved as `YYYY-MM-DD – subject.zip`: from the server's archive when it holds exactly the
 * message's attachments, else from the raw message, fetched once, its attachments listed and zipped here. Every
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
    detail: (details) => attachmentSummary(details),
    unavailable: (details) => filesOf(details).length === 0,
  },
  selection: {
    label: 'bulk_attachmentsZip',
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

  const fromServer = await zipFromServerArchive(source, message, details, preferences, date, signal);
  if (fromServer) {
    await saveFile(fromServer.zip, fileName, 'application/zip');
    return { kind: 'saved', fileName } as const;
  }

  const raw = await source.raw(message, { signal, onProgress: downloadProgress(onProgress) });
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

/** The webmail lists inline images (signatures, logos) with the attachments; the zip leaves them out by default. */
function filesOf(details: Message): Attachment[] {
  return attachmentsForArchive(details, { includeInline: false });
}

function attachmentSummary(details: Message): string {
  const files = filesOf(details);
  const bytes = files.reduce((sum, a) => sum + a.size, 0);
  if (files.length === 0) return t('action_attachmentsNone');
  return files.length === 1
    ? t('action_attachmentsOne', formatBytes(bytes))
    : t('action_attachmentsMany', [String(files.length), formatBytes(bytes)]);
}
