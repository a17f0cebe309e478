import { t } from '../../i18n';
import type { MessageRef } from '../../ksuite/webmail-dom';
import { subjectFileStem, zipArchiveName } from '../../mail/naming';
import { buildZip } from '../../mail/zip';
import { ZipLayout } from '../../mail/zip-layout';
import { saveFile } from '../../page/save-file';
import type { ActionOutcome, MissingMessage, SelectionContext } from '../action';
import { BulkNothingSavedError, describeError, isCancellation, isSignedOut } from './user-facing-error';

/** The list of what is missing also goes into the archive, so the zip itself never looks complete when it is not. */
const MISSING_LIST_NAME = 'NOT INCLUDED.txt';

/**
 * A selection's .zip: each message adds its share (`addMessage`); one that fails is named in the outcome and in a
 * `NOT INCLUDED.txt` inside the zip, and the others are saved. None saved: BulkNothingSavedError, nothing saved.
 */
export async function bulkZip(
  { source, messages: refs, signal, onProgress }: SelectionContext,
  archiveTitle: string,
  addMessage: (ref: MessageRef, layout: ZipLayout) => Promise<void>,
): Promise<ActionOutcome> {
  const layout = new ZipLayout();
  const missing: MissingMessage[] = [];
  let done = 0;
  for (const ref of refs) {
    onProgress({ phase: 'messages', done, total: refs.length });
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
    signal,
    onProgress: (p) => onProgress({ phase: 'zip', ...p }),
  });
  const fileName = zipArchiveName(new Date(), subjectFileStem(archiveTitle));
  await saveFile(zip, fileName, 'application/zip');
  return missing.length === 0 ? { kind: 'saved', fileName } : { kind: 'saved-some', fileName, saved, missing };
}
