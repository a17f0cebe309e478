import { useEffect, useState } from 'preact/hooks';
import type { ActionServices, MessageAction } from '../features/action';
import type { BulkLayout } from '../features/shared/zip-preferences';
import { t } from '../i18n';
import type { MessageRef } from '../ksuite/webmail-dom';
import { ActionIcon } from './action-icon';
import { fromUser } from './from-user';
import { ActionStatusLine } from './message-toolbar';
import { useActionRun } from './use-action-run';
import { useIconsFitOneRow } from './use-one-row';

/**
 * The bar over a selection of the message list: a button for each action that applies to a selection. The list's
 * pane is narrow (about 340 px in a 1024 px window), so it has two rows of its own rather than one that wraps
 * wherever a word ends: what is selected and how the attachments' .zip is laid out, then the actions, whose icons
 * give way before their row would wrap.
 */
export function SelectionBar(props: {
  selected: readonly MessageRef[];
  actions: readonly MessageAction[];
  services: ActionServices;
  onBusy(busy: boolean): void;
}) {
  const runner = useActionRun();
  const [layout, setLayout] = useState<BulkLayout>('folder-per-message');
  const count = props.selected.length;
  const actions = props.actions.filter((action) => action.selection);
  const labels = actions.map((action) => t(action.selection!.label));
  const { rowRef, compact } = useIconsFitOneRow(labels.join());

  useEffect(() => {
    void props.services
      .preferences()
      .then((preferences) => setLayout(preferences.layout))
      .catch(() => {});
  }, []);

  // The page keeps the bar while a run is under way, even if the selection goes meanwhile.
  const whileBusy = async (work: () => Promise<unknown>) => {
    props.onBusy(true);
    try {
      await work();
    } finally {
      props.onBusy(false);
    }
  };
  const run = (action: MessageAction) => {
    const messages = [...props.selected];
    return whileBusy(() =>
      runner.start(action.id, (context) => action.selection!.run({ ...props.services, ...context, messages, layout })),
    );
  };

  return (
    <div class="toolbar-wrap bar" data-testid="selection-bar" data-count={count}>
      <div class="bar-head">
        <span class="label count">{t('bulk_selected', String(count))}</span>
        <select
          class="action layout"
          aria-label={t('bulkBar_layoutLabel')}
          title={t('bulkBar_layoutLabel')}
          value={layout}
          disabled={runner.busy}
          onChange={fromUser((event) => setLayout(event.currentTarget.value as BulkLayout))}
        >
          <option value="folder-per-message">{t('bulk_layoutFolders')}</option>
          <option value="flat">{t('bulk_layoutFlat')}</option>
        </select>
      </div>
      <div
        class={compact ? 'toolbar compact' : 'toolbar'}
        role="toolbar"
        aria-label={t('bulk_selected', String(count))}
        ref={rowRef}
      >
        {actions.map((action, index) => (
          <button
            key={action.id}
            type="button"
            class="action"
            data-action={action.id}
            title={t(action.selection!.tooltip)}
            disabled={runner.busy}
            onClick={fromUser(() => void run(action))}
          >
            <ActionIcon name={action.icon} />
            <span class="label">{labels[index]}</span>
          </button>
        ))}
      </div>
      <ActionStatusLine
        status={runner.status}
        onCancel={runner.cancel}
        onDismiss={runner.dismiss}
        onRetry={() => void whileBusy(runner.retry)}
      />
    </div>
  );
}
