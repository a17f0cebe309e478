import type { DownloadProgress } from '../ksuite/api-client';
import type { MessageRef } from '../ksuite/webmail-dom';
import { emlFileName } from '../mail/naming';
import { saveFile } from '../page/save-file';
import { t } from '../i18n';
import type { MessageSource } from '../ksuite/message-source';

export interface ActionOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ActionProgress) => void;
}

export type ActionProgress =
  { phase: 'download'; received: number; total: number | null } | { phase: 'zip'; done: number; total: number };

export function downloadProgress(onProgress: ActionOptions['onProgress']) {
  return onProgress && ((p: DownloadProgress) => onProgress({ phase: 'download', ...p }));
}

/** "Save .eml": the raw message exactly as the server stores it, named `YYYY-MM-DD HHmm – subject.eml`. */
export async function saveMessageAsEml(
  source: MessageSource,
  ref: MessageRef,
  options: ActionOptions & { fileNamesWithDate?: boolean } = {},
) {
  const details = await source.details(ref, options.signal);
  const raw = await source.raw(ref, { signal: options.signal, onProgress: downloadProgress(options.onProgress) });
  const fileName = emlFileName(new Date(details.date), details.subject, {
    fallbackSubject: t('noSubject'),
    withDate: options.fileNamesWithDate,
  });
  await saveFile(raw, fileName, 'message/rfc822');
  return { fileName };
}
