import { describeError, type UserFacingError } from '../../features/shared/user-facing-error';
import { t } from '../../i18n';

/**
 * A backup's failure as the user reads it: the file system's own refusals (no more room, no more permission)
 * in words, the API's through the actions' translations.
 */
export function describeBackupError(error: unknown): UserFacingError {
  if (error instanceof DOMException) {
    if (error.name === 'QuotaExceededError') return { text: t('backup_errorNoRoom') };
    if (error.name === 'NotAllowedError' || error.name === 'SecurityError')
      return { text: t('backup_errorNotAllowed') };
    if (error.name === 'NotFoundError') return { text: t('backup_errorFolderGone') };
  }
  return describeError(error);
}
