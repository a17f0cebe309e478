import type { SpamFinding } from '../../mail';
import { ReportSection } from './report-section';
import { t } from '../../i18n';
import { ToneIcon } from './icons';
import { translateReportText } from './report-text';
import { spamFindingTone } from './tones';

/** What each spam filter concluded, with its codes (SCL, SFV, BCL, rules…) spelled out in words. */
export function SpamFindings({ findings }: { findings: readonly SpamFinding[] }) {
  return (
    <ReportSection title={t('report_spam_title')}>
      {findings.length === 0 ? (
        <p class="hr-empty">{t('report_spam_none')}</p>
      ) : (
        <ul class="hr-spam-list">
          {findings.map((finding) => (
            <li key={finding.decoder} class="hr-spam" data-testid="spam-finding" data-verdict={finding.verdict}>
              <SpamHead finding={finding} />
              {finding.addedByReceivingSide === false && (
                <p class="hr-spam-caveat">
                  <ToneIcon tone="caution" />
                  {t('report_spam_sender_written')}
                </p>
              )}
              {finding.details.length > 0 && (
                <dl class="hr-spam-details">
                  {finding.details.map((detail, index) => (
                    <div key={index} class="hr-spam-detail">
                      <dt>{translateReportText(detail.label)}</dt>
                      <dd>
                        <code class="hr-code">{detail.value}</code>
                        {detail.meaning && <span class="hr-meaning">{translateReportText(detail.meaning)}</span>}
                      </dd>
                    </div>
                  ))}
                </dl>
              )}
              <p class="hr-aside">{t('report_spam_headers', finding.headers.join(', '))}</p>
            </li>
          ))}
        </ul>
      )}
    </ReportSection>
  );
}

function SpamHead({ finding }: { finding: SpamFinding }) {
  const tone = spamFindingTone(finding);
  const score =
    finding.score === null
      ? null
      : finding.threshold === null
        ? t('report_spam_score', String(finding.score))
        : t('report_spam_score_threshold', [String(finding.score), String(finding.threshold)]);
  return (
    <div class="hr-spam-head">
      <span class="hr-spam-name">{translateReportText(finding.name)}</span>
      <span class={`hr-badge hr-tone-${tone}`}>
        <ToneIcon tone={tone} />
        {translateReportText({ key: `hdr_spam_verdict_${finding.verdict}`, substitutions: [] })}
      </span>
      {score && <span class="hr-spam-score">{score}</span>}
    </div>
  );
}
