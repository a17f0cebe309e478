import type { AuthMechanism, AuthenticationReport, DkimBodyCheck } from '../../mail';
import { DkimBodyLines } from './dkim-body-check';
import { ReportSection } from './report-section';
import { t } from '../i18n';
import { ToneIcon, InfoIcon } from './icons';
import { translateReportText } from './report-text';
import { authTone } from './tones';

// Always all four, in the order the checks build on each other; a missing check is shown as "none", not left out.
const MECHANISMS: readonly AuthMechanism[] = ['spf', 'dkim', 'dmarc', 'arc'];
// The protocols' own names, the same in every language.
const MECHANISM_NAMES: Record<AuthMechanism, string> = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC', arc: 'ARC' };

/**
 * One chip per mechanism: name, verdict word with its icon, and the one-line reason. With the whole message at hand,
 * the DKIM chip also says whether its body still matches what was signed.
 */
export function AuthVerdicts({
  authentication,
  dkimBodyCheck,
}: {
  authentication: AuthenticationReport;
  dkimBodyCheck?: Promise<DkimBodyCheck[]>;
}) {
  const ignored = authentication.resultsHeaders.filter((header) => header.ignoredBecause !== null);
  return (
    <ReportSection title={t('report_auth_title')}>
      <ul class="hr-chips">
        {MECHANISMS.map((mechanism) => {
          const verdict = authentication.verdicts[mechanism];
          const tone = authTone(verdict.result);
          const reason = translateReportText(verdict.reason);
          return (
            <li
              key={mechanism}
              class={`hr-chip hr-tone-${tone}`}
              data-testid={`auth-${mechanism}`}
              data-verdict={verdict.result}
              title={reason}
            >
              <span class="hr-chip-head">
                <span class="hr-chip-name">{MECHANISM_NAMES[mechanism]}</span>
                <span class="hr-chip-verdict">
                  <ToneIcon tone={tone} />
                  {translateReportText({ key: `hdr_result_${verdict.result}`, substitutions: [] })}
                </span>
              </span>
              <span class="hr-chip-reason">{reason}</span>
              {mechanism === 'dkim' && dkimBodyCheck && <DkimBodyLines checking={dkimBodyCheck} />}
            </li>
          );
        })}
      </ul>
      {ignored.length > 0 && (
        <ul class="hr-notes">
          {ignored.map((header) => (
            <li key={header.headerIndex} class="hr-note">
              <InfoIcon />
              <span>{header.ignoredBecause && translateReportText(header.ignoredBecause)}</span>
            </li>
          ))}
        </ul>
      )}
    </ReportSection>
  );
}
