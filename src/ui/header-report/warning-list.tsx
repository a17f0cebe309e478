import type { HeaderWarning, Severity } from '../../mail';
import { ReportSection } from './report-section';
import { t, type MessageKey } from '../../i18n';
import { InfoIcon, ToneIcon } from './icons';
import { translateReportText } from './report-text';
import { severityTone } from './tones';

const SEVERITY_LABELS: Record<Severity, MessageKey> = {
  error: 'report_severity_error',
  warning: 'report_severity_warning',
  info: 'report_severity_info',
};

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The findings as sentences, the most serious first; the severity is a word as well as a colour and a shape. */
export function WarningList({ warnings }: { warnings: readonly HeaderWarning[] }) {
  // The analyser already sorts; sorting again (stably) keeps the promise even for a report built elsewhere.
  const sorted = [...warnings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return (
    <ReportSection title={t('report_warnings_title')}>
      {sorted.length === 0 ? (
        <p class="hr-all-clear">
          <ToneIcon tone="good" />
          {t('report_no_warnings')}
        </p>
      ) : (
        <ul class="hr-warnings">
          {sorted.map((warning, index) => (
            <li
              key={`${warning.code}-${index}`}
              class={`hr-warning hr-tone-${severityTone(warning.severity)}`}
              data-testid="warning"
              data-severity={warning.severity}
              data-code={warning.code}
            >
              {warning.severity === 'info' ? <InfoIcon /> : <ToneIcon tone={severityTone(warning.severity)} />}
              <span class="hr-warning-text">
                <strong class="hr-warning-label">{t(SEVERITY_LABELS[warning.severity])}</strong>{' '}
                {translateReportText(warning)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </ReportSection>
  );
}
