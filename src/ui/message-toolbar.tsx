import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ActionOutcome, ActionProgress, ActionServices, MessageAction } from '../features/action';
import { formatBytes, t } from '../i18n';
import type { Message } from '../ksuite/types';
import type { MessageRef } from '../ksuite/webmail-dom';
import type { HeaderReport } from '../mail/headers/types';
import { riskyFileWarnings, withRiskyFiles } from '../mail/headers/verdict';
import { findRiskyFiles, type RiskyFile } from '../mail/risky-files';
import { ActionIcon } from './action-icon';
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
  const [panel, setPanel] = useState<{
    action: string;
    report: HeaderReport;
    dkimBodyCheck: Promise<DkimBodyCheck[]>;
  } | null>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  const runner = useActionRun();
  const shortcuts = useShortcuts();

  useEffect(() => {
    // The JSON is fetched up front only when a button shows something from it.
    if (!actions.some((action) => action.needs.includes('details'))) return;
    const lookup = new AbortController();
    services.source
      .details(message, lookup.signal)
      .then(setDetails)
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

  const buttons = actions.map((action): ToolbarButton => {
    const one = action.message!;
    const open = panelOpen && panel?.action === action.id;
    return {
      id: action.id,
      icon: action.icon,
      label: t(open && one.labelWhenOpen ? one.labelWhenOpen : action.label),
      tooltip: tooltipWithShortcut(t(action.tooltip), shortcuts[action.id]),
      detail: one.detail ? (details ? one.detail(details) : '…') : null,
      // While one action runs, the others wait; a panel's button still closes it.
      disabled: (runner.busy && !(panel?.action === action.id)) || (details !== null && !!one.unavailable?.(details)),
      expanded: one.labelWhenOpen ? open : undefined,
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
        <div class="headers-panel">
          <HeaderReportView report={shownReport} dkimBodyCheck={panel.dkimBodyCheck} />
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
  /** A short text after the label ("3 files, 1.2 MB"), "…" while unknown, null for none. */
  detail: string | null;
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
  return (
    <div class="toolbar-wrap">
      <div class="toolbar" role="toolbar" aria-label={t('extName')}>
        <span class="mark" title={t('extName')}>
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
              <span class="detail" data-testid="action-detail">
                {button.detail}
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
            title={riskySentences.join('\n')}
            onClick={fromUser(() => setRiskyOpen(!riskyOpen))}
          >
            <WarningMark />
            {props.riskyFiles.length === 1
              ? t('action_riskyFilesOne')
              : t('action_riskyFilesMany', String(props.riskyFiles.length))}
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
}: {
  status: ActionStatus;
  onCancel(): void;
  onDismiss(): void;
}) {
  if (status.kind === 'idle') return null;
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
  return progress.total ? progress.done / progress.total : null;
}

function progressText(progress: ActionProgress | null): string {
  switch (progress?.phase) {
    case 'zip':
      return t('progress_zipping', String(Math.round((progressFraction(progress) ?? 0) * 100)));
    case 'messages':
      // "Fetching message 3 of 9": the one under way, counted from 1.
      return t('bulk_progress', [String(Math.min(progress.done + 1, progress.total)), String(progress.total)]);
    default:
      return t('progress_downloading', progress?.phase === 'download' ? formatBytes(progress.received) : '');
  }
}
