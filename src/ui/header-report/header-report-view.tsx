import { useId } from 'preact/hooks';
import type { DkimBodyCheck, HeaderReport } from '../../mail';
import { t } from '../../i18n';
import { AuthVerdicts } from './auth-verdicts';
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
}

/**
 * The header report as an admin or support person reads it: the verdict in one sentence, then the checks and findings, then who/what/when, the
 * delivery path, the spam filters' verdicts and the raw block to hand on. Scoped under `.header-report`, so the
 * same markup works in a shadow root on the webmail and on the inspector page.
 */
export function HeaderReportView({ report, dkimBodyCheck, onSaveText }: HeaderReportViewProps) {
  const titleId = useId();
  return (
    <article class="header-report" data-testid="header-report" aria-labelledby={titleId}>
      <h2 id={titleId} class="hr-title">
        {t('report_title')}
      </h2>
      <VerdictBanner verdict={report.verdict} />
      <AuthVerdicts
        authentication={report.authentication}
        passedFor={report.verdict.passedFor}
        dkimBodyCheck={dkimBodyCheck}
      />
      <WarningList warnings={report.warnings} />
      <SummaryList summary={report.summary} />
      <HopTimeline hops={report.hops} />
      <SpamFindings findings={report.spam.findings} />
      <RawHeaders header={report.raw.header} subject={report.summary.subject} onSaveText={onSaveText} />
    </article>
  );
}
