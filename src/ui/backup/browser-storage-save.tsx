import { useEffect, useState } from 'preact/hooks';
import type { BackupFormat } from '../../backup';
import { removeFromBrowserStorage, zipFileFor } from '../../backup/browser-storage';
import { filesUnder, type FolderFile } from '../../backup/folder-files';
import { packAsZip, type PackProgress } from '../../backup/pack-as-zip';
import { formatBytes, t } from '../../i18n';
import { saveFile } from '../../page/save-file';
import { describeBackupError } from './backup-errors';
import { formatCount } from './progress-text';

type ZipState =
  | { kind: 'idle' }
  | { kind: 'packing'; progress: PackProgress }
  | { kind: 'saved'; bytes: number }
  | { kind: 'error'; text: string };

/**
 * The zip route's end (no folder picker): the backup sits in the browser's storage and is saved from there, as
 * one .zip packed beside it on disk, or (mbox) as each folder's .mbox file; then its space can be freed.
 */
export function BrowserStorageSave(props: {
  folder: FileSystemDirectoryHandle;
  format: BackupFormat;
  locale: string;
  onRemoved: () => void;
}) {
  const { folder, format, locale } = props;
  const [zip, setZip] = useState<ZipState>({ kind: 'idle' });
  const [mboxFiles, setMboxFiles] = useState<FolderFile[]>([]);

  useEffect(() => {
    if (format !== 'mbox') return;
    void (async () => {
      const found: FolderFile[] = [];
      for await (const file of filesUnder(folder)) if (file.path.endsWith('.mbox')) found.push(file);
      setMboxFiles(found);
    })();
  }, [folder, format]);

  const saveZip = async () => {
    setZip({ kind: 'packing', progress: { files: 0, bytes: 0 } });
    try {
      const file = await packAsZip(folder, await zipFileFor(folder.name), {
        onProgress: (progress) => setZip({ kind: 'packing', progress }),
      });
      await saveFile(file, `${folder.name}.zip`);
      setZip({ kind: 'saved', bytes: file.size });
    } catch (error) {
      setZip({ kind: 'error', text: describeBackupError(error).text });
    }
  };

  const remove = async () => {
    if (!window.confirm(t('backup_removeConfirm', folder.name))) return;
    await removeFromBrowserStorage(folder.name);
    props.onRemoved();
  };

  return (
    <section class="backup-panel" data-testid="backup-save">
      <h2>{t('backup_saveTitle')}</h2>
      <p>{t('backup_saveHint')}</p>
      <div class="backup-actions">
        <button
          type="button"
          class="button primary"
          data-testid="backup-save-zip"
          disabled={zip.kind === 'packing'}
          onClick={() => void saveZip()}
        >
          {t('backup_saveZip')}
        </button>
        <span class="backup-hint" data-testid="backup-zip-status" aria-live="polite">
          {zip.kind === 'packing' &&
            t('backup_packing', [formatCount(zip.progress.files, locale), formatBytes(zip.progress.bytes, locale)])}
          {zip.kind === 'saved' && t('backup_zipSaved', formatBytes(zip.bytes, locale))}
        </span>
      </div>
      {zip.kind === 'error' && (
        <p class="backup-problem" role="alert">
          {zip.text}
        </p>
      )}
      {mboxFiles.length > 0 && (
        <>
          <h3>{t('backup_mboxFiles')}</h3>
          <ul class="backup-files" data-testid="backup-mbox-files">
            {mboxFiles.map((file) => (
              <li key={file.path}>
                <span class="backup-file-path">{file.path}</span>
                <button
                  type="button"
                  class="button"
                  onClick={() => void file.handle.getFile().then((data) => saveFile(data, mboxFileName(file.path)))}
                >
                  {t('backup_saveFile')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <div class="backup-actions">
        <button type="button" class="text-button" data-testid="backup-remove" onClick={() => void remove()}>
          {t('backup_remove')}
        </button>
      </div>
    </section>
  );
}

/** A saved .mbox lands in one downloads folder: its path in the backup becomes its name ("a@b.ch – INBOX.mbox"). */
export function mboxFileName(path: string): string {
  return path.split('/').join(' – ');
}
