import { listBackupSources, startBackup } from '@/src/backup';
import { BackupPage } from '@/src/ui/backup/backup-page';
import { mountPage } from '@/src/ui/mount-page';

mountPage('backupTitle', <BackupPage engine={{ listBackupSources, startBackup }} />);
