import { notificationsGranted } from '../../alerts/permission';
import { showNoticeNotification } from '../../alerts/system-notifications';
import type { BackupReport } from '../../backup';
import { t } from '../../i18n';

/**
 * A system notification when a backup ends, for a user who went on working in another tab: only when the alerts
 * were already allowed to notify (the page never asks for the permission), and only where the browser has
 * notifications at all (Safari has none).
 */
export async function noticeBackupEnd(report: BackupReport | null): Promise<void> {
  if (!(await notificationsGranted().catch(() => false))) return;
  const text = report?.complete ? t('backup_noticeComplete') : t('backup_noticeIncomplete');
  await showNoticeNotification(text).catch(() => undefined);
}
