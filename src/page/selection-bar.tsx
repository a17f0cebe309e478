import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { findSelectedMessages, isDarkTheme, type MessageRef } from '../ksuite/webmail-dom';
import { createShadowHost, type ShadowHost } from './shadow-host';
import { perFrame } from './per-frame';
import { t } from '../i18n';
import { MessageToolbarStatus, type ToolbarStatus } from '../ui/message-toolbar';
import toolbarCss from '../ui/message-toolbar.css?inline';
import {
  BulkNothingSavedError,
  saveSelectedAsEmlZip,
  saveSelectedAttachmentsZip,
  type BulkLayout,
} from '../features/shared/bulk-zip';
import type { ActionProgress } from '../features/eml-export';
import type { PageServices } from './message-toolbars';
import { describeError, isCancellation } from '../features/shared/user-facing-error';

/**
 * With several rows of the message list selected, a bar at the bottom of the page offers the bulk exports.
 * Selection changes come from the user's clicks and keys, so those events (not a DOM observer) wake it.
 */
export function startSelectionBar(doc: Document, services: PageServices, signal: AbortSignal): void {
  let shadow: ShadowHost | null = null;
  let busy = false;
  let scheduled = false;

  const update = () => {
    scheduled = false;
    if (signal.aborted) return;
    const selected = findSelectedMessages(doc);
    if (selected.length < 2 && !busy) {
      if (shadow) render(null, shadow.root);
      shadow?.remove();
      shadow = null;
      return;
    }
    if (!shadow) {
      shadow = createShadowHost('selection-bar', toolbarCss + BAR_CSS);
      doc.documentElement.append(shadow.host);
    }
    shadow.host.dataset.theme = isDarkTheme(doc) ? 'dark' : 'light';
    render(
      <SelectionBar
        selected={selected}
        services={services}
        onBusy={(value) => {
          busy = value;
          if (!value) schedule();
        }}
      />,
      shadow.root,
    );
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(update);
  };

  for (const type of ['click', 'keyup', 'change'] as const) {
    doc.addEventListener(type, schedule, { capture: true, passive: true, signal });
  }
  signal.addEventListener(
    'abort',
    () => {
      if (shadow) render(null, shadow.root);
      shadow?.remove();
    },
    { once: true },
  );
}

function SelectionBar(props: { selected: MessageRef[]; services: PageServices; onBusy(busy: boolean): void }) {
  const [status, setStatus] = useState<ToolbarStatus>({ kind: 'idle' });
  const [layout, setLayout] = useState<BulkLayout>('folder-per-message');
  const task = useRef<AbortController | null>(null);
  const count = props.selected.length;

  useEffect(() => {
    void props.services
      .zipPreferences()
      .then((preferences) => setLayout(preferences.layout))
      .catch(() => {});
  }, []);

  const run = async (kind: 'eml' | 'zip') => {
    if (task.current) return;
    const controller = new AbortController();
    task.current = controller;
    props.onBusy(true);
    const refs = [...props.selected];
    const shownProgress = perFrame((progress: ActionProgress) =>
      setStatus({ kind: 'working', action: kind, progress }),
    );
    const options = { signal: controller.signal, onProgress: shownProgress.push };
    setStatus({ kind: 'working', action: kind, progress: null });
    try {
      const outcome =
        kind === 'eml'
          ? await saveSelectedAsEmlZip(props.services.source, refs, options)
          : await saveSelectedAttachmentsZip(
              props.services.source,
              refs,
              { ...(await props.services.zipPreferences()), layout },
              options,
            );
      const text =
        outcome.missing.length === 0
          ? t('done_saved', outcome.fileName)
          : t('bulk_savedSome', [
              outcome.fileName,
              String(outcome.saved),
              String(outcome.missing.length),
              outcome.missing.map((m) => `${m.subject} (${m.reason})`).join('; '),
            ]);
      setStatus(outcome.missing.length === 0 ? { kind: 'done', text } : { kind: 'error', error: { text } });
    } catch (error) {
      if (isCancellation(error)) setStatus({ kind: 'idle' });
      else if (error instanceof BulkNothingSavedError)
        setStatus({
          kind: 'error',
          error: { text: t('bulk_nothingSaved', error.missing.map((m) => m.reason).join('; ')) },
        });
      else setStatus({ kind: 'error', error: describeError(error) });
    } finally {
      shownProgress.cancel();
      task.current = null;
      props.onBusy(false);
    }
  };

  const busy = status.kind === 'working';
  return (
    <div class="toolbar-wrap bar" data-testid="selection-bar" data-count={count}>
      <div class="toolbar" role="toolbar" aria-label={t('bulk_selected', String(count))}>
        <span class="label count">{t('bulk_selected', String(count))}</span>
        <button type="button" class="action" data-action="bulk-eml" disabled={busy} onClick={() => void run('eml')}>
          <span class="label">{t('bulk_saveEmlZip')}</span>
        </button>
        <button type="button" class="action" data-action="bulk-zip" disabled={busy} onClick={() => void run('zip')}>
          <span class="label">{t('bulk_attachmentsZip')}</span>
        </button>
        <select
          class="action"
          aria-label={t('bulk_attachmentsZip')}
          value={layout}
          disabled={busy}
          onChange={(event) => setLayout(event.currentTarget.value as BulkLayout)}
        >
          <option value="folder-per-message">{t('bulk_layoutFolders')}</option>
          <option value="flat">{t('bulk_layoutFlat')}</option>
        </select>
      </div>
      <MessageToolbarStatus
        status={status}
        progressText={(progress) =>
          progress?.phase === 'download' && progress.total
            ? t('bulk_progress', [String(Math.min(progress.received + 1, progress.total)), String(progress.total)])
            : null
        }
        onCancel={() => task.current?.abort()}
        onDismiss={() => setStatus({ kind: 'idle' })}
      />
    </div>
  );
}

const BAR_CSS = `
:host { position: fixed; left: 50%; bottom: 16px; transform: translateX(-50%); z-index: 2147483000;
  width: max-content; max-width: calc(100vw - 32px); margin: 0; }
.bar { box-shadow: 0 8px 28px rgba(0, 0, 0, 0.25); background: var(--kc-bg); }
.count { padding: 0 6px; }
select.action { padding: 4px 8px; }
`;
