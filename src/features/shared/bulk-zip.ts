import { t, type MessageKey } from '../../i18n';
import type { MessageRef } from '../../ksuite/webmail-dom';
import { subjectFileStem, zipArchiveName } from '../../mail/naming';
import { buildZip, type ZipEntryInput } from '../../mail/zip';
import { ZipLayout } from '../../mail/zip-layout';
import { saveFile } from '../../page/save-file';
import type { ActionOutcome, MissingMessage, RunContext, SelectionContext } from '../action';
import {
  BulkNoAttachmentsError,
  BulkNothingSavedError,
  describeLeftOut,
  isCancellation,
  isSignedOut,
} from './user-facing-error';

/** The list of what is missing also goes into the archive, so the zip itself never looks complete when it is not. */
const MISSING_LIST_NAME = 'NOT INCLUDED.txt';

/** The archive's title by the number of messages that put files in it: "attachments of 1 message", "… of 3 messages". */
export interface BulkZipNaming {
  one: MessageKey;
  /** `$1`: the number of messages. */
  many: MessageKey;
}

/**
 * A selection's .zip: each message adds its share (`addMessage`, which adds all of its files or, failing, none).
 * One that fails is named in the outcome and in a `NOT INCLUDED.txt` inside the zip, and the others are saved; the
 * outcome's `retry` fetches only the missing ones. None saved: BulkNothingSavedError; no message had a file to add:
 * BulkNoAttachmentsError. Either way nothing is saved: an empty zip is no answer.
 */
export async function bulkZip(
  context: SelectionContext,
  naming: BulkZipNaming,
  addMessage: (ref: MessageRef, layout: ZipLayout) => Promise<void>,
): Promise<ActionOutcome> {
  const { source, messages: refs } = context;
  const total = refs.length;
  // Kept between a run and its retries: the retry fetches only what is missing and saves the complete archive again.
  const layout = new ZipLayout();
  let messagesWithFiles = 0;

  const fetchAndSave = async (
    pending: readonly MessageRef[],
    { signal, onProgress }: Pick<RunContext, 'signal' | 'onProgress'>,
  ): Promise<ActionOutcome> => {
    const missing: { ref: MessageRef; message: MissingMessage }[] = [];
    for (const [done, ref] of pending.entries()) {
      onProgress({ phase: 'messages', done, total: pending.length });
      const filesBefore = layout.entries.length;
      try {
        await addMessage(ref, layout);
        if (layout.entries.length > filesBefore) messagesWithFiles++;
      } catch (error) {
        // Signed out, the rest would fail alike: the user is asked to sign in and start again, nothing half saved.
        if (isCancellation(error) || isSignedOut(error)) throw error;
        const subject = await source
          .details(ref)
          .then((d) => d.subject ?? t('noSubject'))
          .catch(() => ref.uid);
        missing.push({ ref, message: { subject, reason: describeLeftOut(error) } });
      }
    }
    const saved = total - missing.length;
    const missingMessages = missing.map((m) => m.message);
    if (saved === 0 || messagesWithFiles === 0) {
      if (missing.length > 0) throw new BulkNothingSavedError(missingMessages);
      throw new BulkNoAttachmentsError();
    }
    const entries = layout.entries;
    if (missing.length > 0) entries.push(missingList(entries, missingMessages));
    const zip = await buildZip(entries, {
      date: new Date(),
      signal,
      onProgress: (p) => onProgress({ phase: 'zip', ...p }),
    });
    // Named by what is in it: 3 of 9 messages had attachments, it is "attachments of 3 messages".
    const title = messagesWithFiles === 1 ? t(naming.one) : t(naming.many, String(messagesWithFiles));
    const fileName = zipArchiveName(new Date(), subjectFileStem(title));
    await saveFile(zip, fileName, 'application/zip');
    if (missing.length === 0) {
      const withoutFiles = saved - messagesWithFiles;
      return withoutFiles > 0 ? { kind: 'saved', fileName, withoutFiles } : { kind: 'saved', fileName };
    }
    return {
      kind: 'saved-some',
      fileName,
      saved,
      total,
      missing: missingMessages,
      // The complete archive again rather than a second one of the missing messages: the user asked for one file of
      // the selection, and after Retry should have that file, not two halves to merge. Its name counts what is in
      // it, so it is told apart from the incomplete one already in the downloads.
      retry: (retryContext) =>
        fetchAndSave(
          missing.map((m) => m.ref),
          retryContext,
        ),
    };
  };

  return fetchAndSave(refs, context);
}

/** `NOT INCLUDED.txt` at the top of the archive, under a name no file of the messages took. */
function missingList(entries: readonly ZipEntryInput[], missing: readonly MissingMessage[]): ZipEntryInput {
  const taken = new Set(entries.map((entry) => entry.path.split('/')[0]!.toLowerCase()));
  let path = MISSING_LIST_NAME;
  for (let n = 2; taken.has(path.toLowerCase()); n++) path = MISSING_LIST_NAME.replace('.txt', ` (${n}).txt`);
  const text = missing.map((m) => `${m.subject}\n  ${m.reason}\n`).join('\n');
  return { path, data: new TextEncoder().encode(text), mimeType: 'text/plain' };
}
