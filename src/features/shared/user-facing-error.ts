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
  if (error instanceof BulkNothingSavedError) {
    return { text: t('bulk_nothingSaved', error.missing.map((m) => m.reason).join('; ')) };
  }
  const name = error instanceof Error ? error.name : typeof error;
  return { text: t('error_unexpected', name) };
}

export class NoAttachmentsError extends Error {
  override readonly name = 'NoAttachmentsError';
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
