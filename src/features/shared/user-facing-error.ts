import { KsuiteApiError } from '../../ksuite/api-error';
import { WEBMAIL_START_URL } from '../../ksuite/hosts';
import { isMailError } from '../../mail/errors';
import { t } from '../../i18n';
import type { MissingMessage } from '../action';

export interface UserFacingError {
  /** One translated sentence: what happened and what to do. */
  text: string;
  /** Where to sign in again, when that is the fix. */
  signInUrl?: string;
}

/** Any failure of an action, as the user reads it. Nothing here is ever raw server or exception text. */
export function describeError(error: unknown): UserFacingError {
  if (error instanceof KsuiteApiError) {
    const text =
      error.kind === 'server'
        ? t('apiError_server', String(error.detail.status ?? ''))
        : t(`apiError_${error.kind}` as const);
    return error.kind === 'signed_out' ? { text, signInUrl: WEBMAIL_START_URL } : { text };
  }
  if (isMailError(error)) return { text: t(`mailError_${error.code}` as const) };
  if (error instanceof NoAttachmentsError) return { text: t('error_noAttachments') };
  if (error instanceof BulkNoAttachmentsError) return { text: t('bulkResult_noAttachments') };
  if (error instanceof BulkNothingSavedError) {
    return { text: t('bulk_nothingSaved', error.missing.map((m) => m.reason).join('; ')) };
  }
  const name = error instanceof Error ? error.name : typeof error;
  return { text: t('error_unexpected', name) };
}

export class NoAttachmentsError extends Error {
  override readonly name = 'NoAttachmentsError';
}

/**
 * Why one message of a selection was left out of the file that was saved. describeError's sentences are for a whole
 * action and end with "Nothing was saved", which next to "Saved 8 of 9" would contradict it; the backup's sentences
 * for a message it could not fetch say only what happened to that message.
 */
export function describeLeftOut(error: unknown): string {
  if (error instanceof KsuiteApiError) {
    switch (error.kind) {
      case 'not_found':
      case 'rate_limited':
      case 'network':
      case 'incomplete':
      case 'bad_response':
        return t(`backupFailed_${error.kind}`);
      case 'server':
        return t('backupFailed_server', String(error.detail.status ?? ''));
    }
  }
  if (isMailError(error)) {
    return error.code === 'empty_input' ? t('backupFailed_bad_response') : describeError(error).text;
  }
  return t('bulkResult_leftOutUnexpected', error instanceof Error ? error.name : typeof error);
}

/** Not one message of a selection had a file to add (no attachments): nothing was saved. */
export class BulkNoAttachmentsError extends Error {
  override readonly name = 'BulkNoAttachmentsError';
}

/** Not one message of a selection could be fetched: nothing was saved. */
export class BulkNothingSavedError extends Error {
  override readonly name = 'BulkNothingSavedError';
  constructor(readonly missing: readonly MissingMessage[]) {
    super('no message could be saved');
  }
}

/** True when the session is gone: every further request would fail the same way until the user signs in. */
export function isSignedOut(error: unknown): boolean {
  return error instanceof KsuiteApiError && error.kind === 'signed_out';
}

/** True when the user cancelled: not an error worth a red message. */
export function isCancellation(error: unknown): boolean {
  return (
    (error instanceof KsuiteApiError && error.kind === 'aborted') || (isMailError(error) && error.code === 'cancelled')
  );
}
