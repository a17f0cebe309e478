import type { BackupMailbox } from '../../backup';
import { t } from '../../i18n';
import { folderDisplayName } from '../folder-names';
import { chooseFolder, chooseMailbox, mailboxTick, type ChosenFolders } from './chosen-folders';
import { formatCount } from './progress-text';

/** Every mailbox with its folder tree (indented by depth) and message counts, each with its box to tick. */
export function SourceTree(props: {
  mailboxes: readonly BackupMailbox[];
  chosen: ChosenFolders;
  onChange: (chosen: ChosenFolders) => void;
  locale: string;
  disabled?: boolean;
}) {
  const { mailboxes, chosen, onChange, locale, disabled } = props;
  return (
    <ul class="backup-tree" data-testid="backup-tree">
      {mailboxes.map((mailbox) => {
        const tick = mailboxTick(chosen, mailbox);
        const total = mailbox.folders.reduce((sum, folder) => sum + (folder.totalCount ?? 0), 0);
        return (
          <li key={mailbox.uuid} class="backup-mailbox" data-mailbox={mailbox.email}>
            <label class="backup-row backup-mailbox-row">
              <input
                type="checkbox"
                checked={tick === 'all'}
                disabled={disabled}
                // A box between ticked and clear, when only some of the mailbox's folders are chosen.
                ref={(box) => {
                  if (box) box.indeterminate = tick === 'some';
                }}
                onChange={(event) => onChange(chooseMailbox(chosen, mailbox, event.currentTarget.checked))}
              />
              <span class="backup-name">{mailbox.email}</span>
              <span class="backup-count">
                {total === 1 ? t('backup_messageCountOne') : t('backup_messageCount', formatCount(total, locale))}
              </span>
            </label>
            <ul>
              {mailbox.folders.map((folder) => (
                <li key={folder.id}>
                  <label
                    class="backup-row"
                    style={{ paddingInlineStart: `${28 + folder.depth * 20}px` }}
                    data-folder={folder.path}
                  >
                    <input
                      type="checkbox"
                      checked={chosen.get(mailbox.uuid)?.has(folder.id) ?? false}
                      disabled={disabled}
                      onChange={(event) =>
                        onChange(chooseFolder(chosen, mailbox.uuid, folder.id, event.currentTarget.checked))
                      }
                    />
                    <span class="backup-name">{folderDisplayName(folder)}</span>
                    <span class="backup-count">
                      {folder.totalCount === null ? '–' : formatCount(folder.totalCount, locale)}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
