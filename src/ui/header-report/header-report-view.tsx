import { useId } from 'preact/hooks';
import type { DkimBodyCheck, HeaderReport } from '../../mail';
import { t } from '../../i18n';
import { fromUser } from '../from-user';
import { AuthVerdicts } from './auth-verdicts';
import { CopyForSupport } from './copy-for-support';
import { HopTimeline } from './hop-timeline';
import { RawHeaders } from './raw-headers';
import { SpamFindings } from './spam-findings';
import { SummaryList } from './summary-list';
import { VerdictBanner } from './verdict-banner';
import { WarningList } from './warning-list';

export interface HeaderReportViewProps {
  report: HeaderReport;
  /** When the whole message is at hand: its DKIM body check (see `checkDkimBodiesAfterRender`), shown once done. */
  dkimBodyCheck?: Promise<DkimBodyCheck[]>;
  /** Replaces the default download (an `<a download>`) when the host has its own way to save a file. */
  onSaveText?(text: string, fileName: string): void;
  /** Where the report can be closed (under a message): a close button, and Escape anywhere in the report. */
  onClose?(): void;
}

/**
 * The header report as an admin or support person reads it: the verdict in one sentence and the findings first,
 * then the checks, who/what/when, the delivery path, the spam filters' verdicts, and last the raw block. Each part
 * folds away; "Copy for support" at the top copies them all as text. Scoped under `.header-report`, so the same
 * markup works in a shadow root on the webmail and on the inspector page.
 */
export function HeaderReportView({ report, dkimBodyCheck, onSaveText, onClose }: HeaderReportViewProps) {
  const titleId = useId();
  return (
    <article
      class="header-report"
      data-testid="header-report"
      aria-labelledby={titleId}
      // Focusable, so that after a click on its text Escape still reaches it.
      tabIndex={onClose ? -1 : undefined}
      onKeyDown={fromUser((event: KeyboardEvent) => {
        if (!onClose || event.key !== 'Escape' || event.defaultPrevented) return;
        event.preventDefault();
        onClose();
      })}
    >
      <header class="hr-top">
        <h2 id={titleId} class="hr-title">
          {t('report_title')}
        </h2>
        <CopyForSupport report={report} />
        {onClose && (
          <button
            type="button"
            class="hr-close"
            data-testid="close-report"
            title={t('report_close')}
            aria-label={t('report_close')}
            onClick={fromUser(onClose)}
          >
            <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
              <path d="M3 3l8 8M11 3l-8 8" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
            </svg>
          </button>
        )}
      </header>
      <VerdictBanner verdict={report.verdict} />
      <WarningList warnings={report.warnings} />
      <AuthVerdicts
        authentication={report.authentication}
        passedFor={report.verdict.passedFor}
        dkimBodyCheck={dkimBodyCheck}
      />
      <SummaryList summary={report.summary} />
      <HopTimeline hops={report.hops} />
      <SpamFindings findings={report.spam.findings} />
      <RawHeaders header={report.raw.header} subject={report.summary.subject} onSaveText={onSaveText} />
    </article>
  );
}
