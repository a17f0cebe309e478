import { t } from '../i18n';
import { emlFileName } from '../mail/naming';
import { saveFile } from '../page/save-file';
import { defineAction, transferProgress } from './action';

/**
 * "Save .eml": the raw message exactly as the server stores it, named `YYYY-MM-DD HHmm – subject.eml`. Of a
 * selection: one .zip with an .eml per message.
 */
export default defineAction({
  id: 'eml',
  label: 'action_saveEml',
  tooltip: 'tooltip_saveEml',
  icon: 'eml',
  needs: ['details', 'raw'],
  message: {
    async run({ source, message, signal, onProgress, preferences }) {
      const { fileNamesWithDate } = await preferences();
      const details = await source.details(message, signal);
      const raw = await source.raw(message, { signal, ...transferProgress(onProgress) });
      const fileName = emlFileName(new Date(details.date), details.subject, {
        fallbackSubject: t('noSubject'),
        withDate: fileNamesWithDate,
      });
      await saveFile(raw, fileName, 'message/rfc822');
      return { kind: 'saved', fileName };
    },
  },
  selection: {
    label: 'bulk_saveEmlZip',
    tooltip: 'bulkBar_saveEmlZipTooltip',
    async run(context) {
      const { source, signal } = context;
      const { bulkZip } = await import('./shared/zipping');
      const naming = { one: 'bulkResult_emlArchiveNameOne', many: 'bulk_emlArchiveName' } as const;
      return bulkZip(context, naming, async (ref, layout) => {
        const details = await source.details(ref, signal);
        const raw = await source.raw(ref, { signal });
        const date = new Date(details.date);
        layout.addFile([], emlFileName(date, details.subject, { fallbackSubject: t('noSubject') }), raw, {
          mimeType: 'message/rfc822',
          date,
        });
      });
    },
  },
});
