import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ActionDetail, ActionOutcome, ActionProgress, ActionServices, MessageAction } from '../features/action';
import { formatBytes, t } from '../i18n';
import type { UserPreferences } from '../features/shared/zip-preferences';
import type { Message } from '../ksuite/types';
import type { MessageRef } from '../ksuite/webmail-dom';
import type { HeaderReport } from '../mail/headers/types';
import { riskyFileWarnings, withRiskyFiles } from '../mail/headers/verdict';
import { findRiskyFiles, type RiskyFile } from '../mail/risky-files';
import { canShowDownloads, showDownload } from '../page/show-download';
import { ActionIcon } from './action-icon';
import { useIconsFitOneRow } from './use-one-row';
import { BrandMark } from './brand-mark';
import { fromUser } from './from-user';
import { checkDkimBodiesAfterRender, HeaderReportView } from './header-report';
import type { DkimBodyCheck } from '../mail/headers/dkim-body-hash';
import { translateReportText } from './header-report/report-text';
import { useActionRun, type ActionStatus } from './use-action-run';
import { useShortcuts } from './use-shortcuts';
import { tooltipWithShortcut } from '../shortcuts';

/** Runs an action on an opened message through its toolbar, so progress and errors show where the user looks. */
export type ToolbarRunner = (actionId: string) => void;

/**
 * The toolbar of one message (an opened one, or a list row under a right-click): a button for each action that
 * applies to one message, progress and outcome below, and the header report when "Headers" opened it.
 */
export function ToolbarForMessage(props: {
  message: MessageRef;
  actions: readonly MessageAction[];
  services: ActionServices;
  register(runner: ToolbarRunner | null): void;
}) {
  const { message, services } = props;
  const actions = useMemo(() => props.actions.filter((action) => action.message), [props.actions]);
  const [details, setDetails] = useState<Message | null>(null);
  const [preferences, setPreferences] = useState<UserPreferences | null>(null);
  const [panel, setPanel] = useState<{
    action: string;
    report: HeaderReport;
    dkimBodyCheck: Promise<DkimBodyCheck[]>;
  } | null>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const runner = useActionRun();
  const shortcuts = useShortcuts();

  useEffect(() => {
    // The JSON is fetched up front only when a button shows something from it.
    if (!actions.some((action) => action.needs.includes('details'))) return;
    const lookup = new AbortController();
    // What a button shows may depend on the options too (the inline images a zip leaves out).
    Promise.all([services.source.details(message, lookup.signal), services.preferences()])
      .then(([found, chosen]) => {
        if (lookup.signal.aborted) return;
        setPreferences(chosen);
        setDetails(found);
      })
      // The buttons keep "…"; the actions themselves report what is wrong when the user clicks.
      .catch(() => {});
    return () => lookup.abort();
  }, [message.uid]);

  // Inline parts too: a part's disposition is the sender's choice, and an "inline" program is still one.
  const riskyFiles = useMemo<readonly RiskyFile[]>(
    () =>
      details ? findRiskyFiles(details.attachments.map((file) => ({ name: file.name, mimeType: file.mime_type }))) : [],
    [details],
  );

  const run = async (id: string) => {
    const action = actions.find((candidate) => candidate.id === id);
    if (!action?.message) return;
    // An action whose panel is here shows or hides it; it runs again only on another page.
    if (panel?.action === id) {
      setPanelOpen(!panelOpen);
      return;
    }
    const outcome = await runner.start(id, (context) => action.message!.run({ ...services, ...context, message }));
    if (outcome) showPanel(id, outcome);
  };

  const showPanel = (action: string, outcome: ActionOutcome) => {
    if (outcome.kind !== 'header-report') return;
    // The downloaded message is whole (MessageSource checks it), so the report can check its body too.
    setPanel({ action, report: outcome.report, dkimBodyCheck: checkDkimBodiesAfterRender(outcome.raw) });
    setPanelOpen(true);
  };

  // The files come from the message's details, the headers from its raw source: whichever arrives last, the report
  // shows both.
  const shownReport = useMemo(() => panel && withRiskyFiles(panel.report, riskyFiles), [panel, riskyFiles]);

  useEffect(() => {
    props.register((id) => void run(id));
    return () => props.register(null);
  });

  // The opened report takes focus (without scrolling the page), so Escape closes it straight away.
  useEffect(() => {
    if (panelOpen) panelRef.current?.querySelector<HTMLElement>('.header-report')?.focus({ preventScroll: true });
  }, [panelOpen]);

  const closePanel = () => {
    const root = panelRef.current?.getRootNode() as ParentNode | undefined;
    setPanelOpen(false);
    // Back to the button that opened it, as after closing any panel.
    root?.querySelector<HTMLElement>(`button[data-action="${panel?.action ?? ''}"]`)?.focus();
  };

  const known = details && preferences ? { details, preferences } : null;
  const buttons = actions.map((action): ToolbarButton => {
    const one = action.message!;
    const open = panelOpen && panel?.action === action.id;
    return {
      id: action.id,
      icon: action.icon,
      label: t(action.label),
      tooltip: tooltipWithShortcut(t(action.tooltip), shortcuts[action.id]),
      detail: one.detail ? (known ? one.detail(known.details, known.preferences) : { text: '…' }) : null,
      // While one action runs, the others wait; a panel's button still closes it.
      disabled:
        (runner.busy && !(panel?.action === action.id)) ||
        (known !== null && !!one.unavailable?.(known.details, known.preferences)),
      expanded: one.opensPanel ? open : undefined,
    };
  });

  return (
    <>
      <MessageToolbar
        buttons={buttons}
        riskyFiles={riskyFiles}
        status={runner.status}
        onAction={(id) => void run(id)}
        onCancel={runner.cancel}
        onDismiss={runner.dismiss}
      />
      {panelOpen && shownReport && panel && (
        <div class="headers-panel" ref={panelRef}>
          <HeaderReportView report={shownReport} dkimBodyCheck={panel.dkimBodyCheck} onClose={closePanel} />
        </div>
      )}
    </>
  );
}

export interface ToolbarButton {
  id: string;
  icon: MessageAction['icon'];
  label: string;
  tooltip: string;
  /** A short text after the label ("2 attachments · 1.2 MB"), "…" while unknown, null for none. */
  detail: ActionDetail | null;
  disabled: boolean;
  /** For a button that shows and hides a panel. */
  expanded?: boolean;
}

export interface MessageToolbarProps {
  buttons: readonly ToolbarButton[];
  /** Attachments a reader should think twice about opening; empty while unknown. */
  riskyFiles: readonly RiskyFile[];
  status: ActionStatus;
  onAction(id: string): void;
  onCancel(): void;
  onDismiss(): void;
}

/** The strip above an opened message's footer: the actions, then progress or the outcome. */
export function MessageToolbar(props: MessageToolbarProps) {
  const [riskyOpen, setRiskyOpen] = useState(false);
  // File names are the sender's text: they go into the sentences as text, never as markup.
  const riskySentences = riskyFileWarnings(props.riskyFiles).map(translateReportText);
  const riskyLabel =
    props.riskyFiles.length === 1
      ? t('action_riskyFilesOne')
      : t('action_riskyFilesMany', String(props.riskyFiles.length));
  const { rowRef, compact } = useIconsFitOneRow(
    JSON.stringify([props.buttons.map((b) => [b.label, b.detail?.text]), props.riskyFiles.length]),
  );
  return (
    <div class="toolbar-wrap">
      <div ref={rowRef} class={compact ? 'toolbar compact' : 'toolbar'} role="toolbar" aria-label={t('extName')}>
        <span class="mark gives-way" title={t('extName')}>
          <BrandMark size={18} />
        </span>
        {props.buttons.map((button) => (
          <button
            key={button.id}
            type="button"
            class="action"
            data-action={button.id}
            title={button.tooltip}
            aria-expanded={button.expanded}
            disabled={button.disabled}
            onClick={fromUser(() => props.onAction(button.id))}
          >
            <ActionIcon name={button.icon} />
            <span class="label">{button.label}</span>
            {button.detail !== null && (
              <span class="detail" data-testid="action-detail" title={button.detail.note}>
                {button.detail.text}
              </span>
            )}
            {button.detail?.note && (
              <span class="visually-hidden" data-testid="action-detail-note">
                {button.detail.note}
              </span>
            )}
          </button>
        ))}
        {props.riskyFiles.length > 0 && (
          <button
            type="button"
            class="risky"
            data-testid="risky-files"
            data-count={props.riskyFiles.length}
            aria-expanded={riskyOpen}
            aria-label={riskyLabel}
            title={riskySentences.join('\n')}
            onClick={fromUser(() => setRiskyOpen(!riskyOpen))}
          >
            <WarningMark />
            {/* Where the row is short of room, only the count stays (the stylesheet shows it). */}
            <span class="gives-way">{riskyLabel}</span>
          </button>
        )}
      </div>
      {riskyOpen && props.riskyFiles.length > 0 && (
        <ul class="risky-list" data-testid="risky-file-list">
          {riskySentences.map((sentence, index) => (
            <li key={index}>{sentence}</li>
          ))}
        </ul>
      )}
      <ActionStatusLine status={props.status} onCancel={props.onCancel} onDismiss={props.onDismiss} />
    </div>
  );
}

/** Progress with cancel, or the outcome; shared by the message toolbar and the selection bar. */
export function ActionStatusLine({
  status,
  onCancel,
  onDismiss,
  onRetry,
}: {
  status: ActionStatus;
  onCancel(): void;
  onDismiss(): void;
  /** Where a run can end saved but incomplete (a selection): fetches what is missing. */
  onRetry?(): void;
}) {
  if (status.kind === 'idle') return null;
  if (status.kind === 'partial') {
    // Amber, one sentence: something was saved (not an error), something is missing (not a success).
    return (
      <div class="status partial" role="status" data-testid="action-status" data-state="partial">
        <div class="status-line">
          <span class="status-text">{status.text}</span>
          {onRetry && (
            <button type="button" class="link" data-testid="retry-missing" onClick={fromUser(onRetry)}>
              {t('bulkResult_retry')}
            </button>
          )}
          <button type="button" class="link" onClick={fromUser(onDismiss)} aria-label={t('action_dismiss')}>
            ×
          </button>
        </div>
        <ul class="missing-list" data-testid="missing-list">
          {status.missing.map((missing, index) => (
            <li key={index}>{t('bulkResult_notIncluded', [missing.subject, missing.reason])}</li>
          ))}
        </ul>
      </div>
    );
  }
  if (status.kind === 'working') {
    const { progress } = status;
    const fraction = progressFraction(progress);
    return (
      <div class="status" role="status" data-testid="action-status" data-state="working">
        <progress max={1} value={fraction ?? undefined} />
        <span>{progressText(progress)}</span>
        <button type="button" class="link" onClick={fromUser(onCancel)}>
          {t('action_cancel')}
        </button>
      </div>
    );
  }
  const isError = status.kind === 'error';
  return (
    <div
      class={isError ? 'status error' : 'status done'}
      role={isError ? 'alert' : 'status'}
      data-testid="action-status"
      data-state={status.kind}
    >
      <span>{isError ? status.error.text : status.text}</span>
      {status.kind === 'done' && status.fileName && canShowDownloads() && (
        <button
          type="button"
          class="link"
          data-testid="show-download"
          onClick={fromUser(() => showDownload(status.fileName!))}
        >
          {t('saving_show')}
        </button>
      )}
      {isError && status.error.signInUrl && (
        <a class="link" href={status.error.signInUrl} target="_top">
          {t('error_signInAgain')}
        </a>
      )}
      <button type="button" class="link" onClick={fromUser(onDismiss)} aria-label={t('action_dismiss')}>
        ×
      </button>
    </div>
  );
}

/** A warning triangle, the same shape the header report uses for "worth a look". */
function WarningMark() {
  return (
    <svg class="risky-mark" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M8 1.8l6.6 11.7H1.4z" fill="currentColor" />
      <path d="M8 6v3.5M8 11.5v.01" stroke="var(--kc-surface)" stroke-width="1.8" stroke-linecap="round" />
    </svg>
  );
}

function progressFraction(progress: ActionProgress | null): number | null {
  if (!progress) return null;
  if (progress.phase === 'download') return progress.total ? progress.received / progress.total : null;
  if (progress.phase === 'retry') return null;
  return progress.total ? progress.done / progress.total : null;
}

function progressText(progress: ActionProgress | null): string {
  switch (progress?.phase) {
    case 'zip':
      return t('progress_zipping', String(Math.round((progressFraction(progress) ?? 0) * 100)));
    case 'messages':
      // "Fetching message 3 of 9": the one under way, counted from 1.
      return t('bulk_progress', [String(Math.min(progress.done + 1, progress.total)), String(progress.total)]);
    case 'retry':
      // "Downloading… retrying (2 of 3)": a wait the user can see, rather than a bar that stopped.
      return t('saving_retrying', [String(progress.attempt), String(progress.of)]);
    case 'download':
      return progress.total
        ? t('saving_downloadingOf', [formatBytes(progress.received), formatBytes(progress.total)])
        : t('progress_downloading', formatBytes(progress.received));
    default:
      return t('progress_downloading', '');
  }
}
