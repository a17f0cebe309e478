import type { HeaderWarning } from '../../mail';
import { ReportSection } from './report-section';
import { t } from '../../i18n';
import { InfoIcon, ToneIcon } from './icons';
import { translateReportText } from './report-text';
import { SEVERITY_LABELS, sortedWarnings } from './report-labels';
import { severityTone } from './tones';

/** The findings as sentences, the most serious first; the severity is a word as well as a colour and a shape. */
export function WarningList({ warnings }: { warnings: readonly HeaderWarning[] }) {
  const sorted = sortedWarnings(warnings);
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
