import type { ApiErrorKind } from '../../ksuite/api-error';
import { t } from '../../i18n';

/** Why a background check failed, in a few words (the action-oriented apiError_* texts say "nothing was saved"). */
export function failureReason(kind: ApiErrorKind | null): string {
  switch (kind) {
    case 'rate_limited':
      return t('alerts_reasonRateLimited');
    case 'server':
      return t('alerts_reasonServer');
    case 'network':
      return t('alerts_reasonNetwork');
    default:
      return t('alerts_reasonOther');
  }
}
