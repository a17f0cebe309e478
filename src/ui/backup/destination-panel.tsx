import type { StorageRoom } from '../../backup/browser-storage';
import { formatBytes, t } from '../../i18n';

/**
 * Where the backup goes. With a folder picker (Chrome, Edge): a folder the user chooses. Without (Firefox,
 * Safari): the browser's own storage, saved as a .zip at the end; the room left there is shown, since a backup
 * larger than it cannot finish.
 */
export function DestinationPanel(props: {
  route: 'picked' | 'browser';
  picked: FileSystemDirectoryHandle | null;
  onPick: () => void;
  room: StorageRoom | null;
  locale: string;
  disabled?: boolean;
  /** The browser has neither a folder picker nor files it can write in its own storage (Safari before 26). */
  cannotWrite?: boolean;
}) {
  const { route, picked, onPick, room, locale, disabled, cannotWrite } = props;
  return (
    <fieldset class="backup-fieldset" data-testid="backup-destination" data-route={route}>
      <legend>{t('backup_destination')}</legend>
      {route === 'picked' ? (
        <>
          <p class="backup-hint">{t('backup_destinationPickedHint')}</p>
          <div class="backup-destination-row">
            <button type="button" class="button" data-testid="backup-pick" disabled={disabled} onClick={onPick}>
              {t(picked ? 'backup_pickOther' : 'backup_pick')}
            </button>
            {picked && (
              <span class="backup-picked" data-testid="backup-picked">
                {t('backup_pickedFolder', picked.name)}
              </span>
            )}
          </div>
        </>
      ) : (
        <>
          <p class="backup-hint">{t('backup_destinationBrowserHint')}</p>
          {cannotWrite && (
            <p class="backup-problem" role="alert" data-testid="backup-cannot-write">
              {t('backup_browserCannotWrite')}
            </p>
          )}
          {room && (
            <p class="backup-hint" data-testid="backup-room">
              {t('backup_storageRoom', [
                formatBytes(Math.max(0, room.quota - room.usage), locale),
                formatBytes(room.usage, locale),
              ])}
              {!room.persisted && ` ${t('backup_storageNotPersisted')}`}
            </p>
          )}
        </>
      )}
    </fieldset>
  );
}
