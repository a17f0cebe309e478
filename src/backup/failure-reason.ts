import { KsuiteApiError } from '../ksuite/api-error';
import { t } from '../i18n';

/** Why a message could not be backed up, in one translated sentence for the page and the report. */
export function failureReason(error: unknown): string {
  if (error instanceof KsuiteApiError) {
    switch (error.kind) {
      case 'not_found':
        return t('backupFailed_not_found');
      case 'rate_limited':
        return t('backupFailed_rate_limited');
      case 'server':
        return t('backupFailed_server', String(error.detail.status ?? ''));
      case 'network':
        return t('backupFailed_network');
      case 'incomplete':
        return t('backupFailed_incomplete');
      case 'bad_response':
        return t('backupFailed_bad_response');
      default:
        return t(`apiError_${error.kind}`);
    }
  }
  return t('backupFailed_disk', errorName(error));
}

/** Why a folder could not be listed. */
export function listingFailureReason(error: unknown): string {
  return t('backupFailed_listing', error instanceof KsuiteApiError ? error.message : errorName(error));
}

/** Why the run stopped: the destination refused a write. */
export function diskErrorMessage(error: unknown): string {
  return t('backupError_disk', errorName(error));
}

function errorName(error: unknown): string {
  const named = error as { name?: string; message?: string } | null;
  return named?.name && named.name !== 'Error' ? named.name : (named?.message ?? String(error));
}
