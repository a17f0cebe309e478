import type { ReportVerdict } from '../../mail';
import { t } from '../../i18n';
import { InfoIcon, ToneIcon } from './icons';
import { translateReportText } from './report-text';
import { verdictTone } from './tones';

/**
 * The report's first line: one sentence a non-expert can act on, in the colour and shape of its severity. The
 * sentence may carry header text (a domain, a file name): it is rendered as text, like every other value.
 */
export function VerdictBanner({ verdict }: { verdict: ReportVerdict }) {
  const tone = verdictTone(verdict.severity);
  return (
    <p class={`hr-verdict hr-tone-${tone}`} data-testid="verdict" data-severity={verdict.severity}>
      {verdict.severity === 'info' ? <InfoIcon /> : <ToneIcon tone={tone} />}
      <span class="hr-verdict-text">
        <span class="hr-sr">{t('report_verdict_label')}: </span>
        {translateReportText(verdict.headline)}
      </span>
    </p>
  );
}
