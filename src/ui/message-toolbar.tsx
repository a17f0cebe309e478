import { useState } from 'preact/hooks';
import type { ActionProgress } from '../features/eml-export';
import { riskyFileWarnings } from '../mail/headers/verdict';
import type { RiskyFile } from '../mail/risky-files';
import type { UserFacingError } from '../features/shared/user-facing-error';
import { BrandMark } from './brand-mark';
import { formatBytes } from './format';
import { translateReportText } from './header-report/report-text';
import { t } from '../i18n';

export type ToolbarAction = 'zip' | 'eml' | 'headers';

export interface AttachmentSummary {
  count: number;
  bytes: number;
}

export type ToolbarStatus =
  | { kind: 'idle' }
  | { kind: 'working'; action: ToolbarAction; progress: ActionProgress | null }
  | { kind: 'done'; text: string }
  | { kind: 'error'; error: UserFacingError };

export interface MessageToolbarProps {
  attachments: AttachmentSummary | null;
  /** Attachments a reader should think twice about opening; empty while unknown. */
  riskyFiles: readonly RiskyFile[];
  headersOpen: boolean;
  status: ToolbarStatus;
  onAction(action: ToolbarAction): void;
  onCancel(): void;
  onDismiss(): void;
}

/** The strip above an opened message's footer: the three actions, then progress or the outcome. */
export function MessageToolbar(props: MessageToolbarProps) {
  const { attachments, status } = props;
  const busy = status.kind === 'working';
  const [riskyOpen, setRiskyOpen] = useState(false);
  // File names are the sender's text: they go into the sentences as text, never as markup.
  const riskySentences = riskyFileWarnings(props.riskyFiles).map(translateReportText);
  return (
    <div class="toolbar-wrap">
      <div class="toolbar" role="toolbar" aria-label={t('extName')}>
        <span class="mark" title={t('extName')}>
          <BrandMark size={18} />
        </span>
        <button
          type="button"
          class="action"
          data-action="zip"
          title={t('tooltip_attachmentsZip')}
          disabled={busy || attachments?.count === 0}
          onClick={() => props.onAction('zip')}
        >
          <span class="label">{t('action_attachmentsZip')}</span>
          <span class="detail" data-testid="attachment-summary">
            {attachments ? attachmentText(attachments) : '…'}
          </span>
        </button>
        <button
          type="button"
          class="action"
          data-action="eml"
          title={t('tooltip_saveEml')}
          disabled={busy}
          onClick={() => props.onAction('eml')}
        >
          <span class="label">{t('action_saveEml')}</span>
        </button>
        <button
          type="button"
          class="action"
          data-action="headers"
          title={t('tooltip_headers')}
          aria-expanded={props.headersOpen}
          disabled={busy && status.action === 'headers'}
          onClick={() => props.onAction('headers')}
        >
          <span class="label">{props.headersOpen ? t('action_hideHeaders') : t('action_headers')}</span>
        </button>
        {props.riskyFiles.length > 0 && (
          <button
            type="button"
            class="risky"
            data-testid="risky-files"
            data-count={props.riskyFiles.length}
            aria-expanded={riskyOpen}
            title={riskySentences.join('\n')}
            onClick={() => setRiskyOpen(!riskyOpen)}
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
      <MessageToolbarStatus status={status} onCancel={props.onCancel} onDismiss={props.onDismiss} />
    </div>
  );
}

/** Progress with cancel, or the outcome; shared by the message toolbar and the selection bar. */
export function MessageToolbarStatus({
  status,
  onCancel,
  onDismiss,
  progressText: customText,
}: {
  status: ToolbarStatus;
  onCancel(): void;
  onDismiss(): void;
  /** Overrides the default progress wording; null falls back to it. */
  progressText?: (progress: ActionProgress | null) => string | null;
}) {
  if (status.kind === 'idle') return null;
  if (status.kind === 'working') {
    const { progress } = status;
    const fraction = progressFraction(progress);
    return (
      <div class="status" role="status" data-testid="action-status" data-state="working">
        <progress max={1} value={fraction ?? undefined} />
        <span>{customText?.(progress) ?? progressText(progress)}</span>
        <button type="button" class="link" onClick={onCancel}>
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
      <button type="button" class="link" onClick={onDismiss} aria-label={t('action_dismiss')}>
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

function attachmentText({ count, bytes }: AttachmentSummary): string {
  if (count === 0) return t('action_attachmentsNone');
  return count === 1
    ? t('action_attachmentsOne', formatBytes(bytes))
    : t('action_attachmentsMany', [String(count), formatBytes(bytes)]);
}

function progressFraction(progress: ActionProgress | null): number | null {
  if (!progress) return null;
  if (progress.phase === 'download') return progress.total ? progress.received / progress.total : null;
  return progress.total ? progress.done / progress.total : null;
}

function progressText(progress: ActionProgress | null): string {
  if (progress?.phase === 'zip')
    return t('progress_zipping', String(Math.round((progressFraction(progress) ?? 0) * 100)));
  return t('progress_downloading', progress?.phase === 'download' ? formatBytes(progress.received) : '');
}
