import type { AuthMechanism, AuthenticationReport, DkimBodyCheck, PassedFor } from '../../mail';
import { DkimBodyLines } from './dkim-body-check';
import { ReportSection } from './report-section';
import { t } from '../../i18n';
import { ToneIcon, InfoIcon } from './icons';
import { translateReportText } from './report-text';
import { AUTH_MECHANISMS, MECHANISM_NAMES } from './report-labels';
import { authTone } from './tones';

/**
 * One chip per mechanism: name, verdict word with its icon, and the one-line reason. A pass names the domain it
 * passed for, and is not green when that domain is a look-alike or not the one the sender's name claims: a check
 * that passed for the attacker's own domain proves nothing a reader hopes it does. With the whole message at hand,
 * the DKIM chip also says whether its body still matches what was signed.
 */
export function AuthVerdicts({
  authentication,
  passedFor,
  dkimBodyCheck,
}: {
  authentication: AuthenticationReport;
  passedFor: Partial<Record<AuthMechanism, PassedFor>>;
  dkimBodyCheck?: Promise<DkimBodyCheck[]>;
}) {
  const ignored = authentication.resultsHeaders.filter((header) => header.ignoredBecause !== null);
  return (
    <ReportSection title={t('report_auth_title')}>
      <ul class="hr-chips">
        {AUTH_MECHANISMS.map((mechanism) => {
          const verdict = authentication.verdicts[mechanism];
          const passed = passedFor[mechanism];
          const tone = passed?.caveat ? 'caution' : authTone(verdict.result);
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
                  {passed
                    ? passedForText(passed.domain)
                    : translateReportText({ key: `hdr_result_${verdict.result}`, substitutions: [] })}
                </span>
              </span>
              {passed?.caveat && (
                <span class="hr-chip-caveat" data-testid="auth-caveat">
                  {translateReportText(passed.caveat)}
                </span>
              )}
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

// Stands in for the domain while the sentence is translated, so the domain can be set in its own element.
const DOMAIN_MARK = '\ue000';

/** "Passed for xn--pypal-4ve.example", the domain kept whole on one line where it fits (not split at its hyphens). */
function passedForText(domain: string) {
  const [before = '', after = ''] = t('report_auth_passed_for', DOMAIN_MARK).split(DOMAIN_MARK);
  return (
    <span>
      {before}
      <span class="hr-domain">{domain}</span>
      {after}
    </span>
  );
}
