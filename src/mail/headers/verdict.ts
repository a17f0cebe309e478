/**
 * The verdict: one sentence and a severity, read before anything else in the report.
 *
 * Green checks mislead when they passed for the attacker's own domain, so the verdict starts from who the message
 * pretends to be (a look-alike domain, a display name claiming someone else), then from risky files and failed
 * authentication, and only then says "delivered normally". Spam verdicts count only when the receiving side wrote
 * them: anyone can put "X-Spam-Status: No" into a message before sending it.
 */
import type { RiskyFile } from '../risky-files';
import { domainOfAddress } from './addresses';
import { organisationalDomain } from './domains';
import { findDomainConcerns } from './lookalike';
import { reportText } from './messages';
import { domainToUnicode } from './punycode';
import type {
  AuthenticationReport,
  AuthMechanism,
  HeaderReport,
  HeaderSummary,
  HeaderWarning,
  Imitation,
  PassedFor,
  ReportText,
  ReportVerdict,
  RiskyFileWarningCode,
  SpamReport,
  VerdictSeverity,
} from './types';
import { addressShownIn, sortWarnings } from './warnings';

const MECHANISMS: readonly AuthMechanism[] = ['spf', 'dkim', 'dmarc', 'arc'];
const NO_VALUE = '—';

export interface VerdictContext {
  summary: HeaderSummary;
  authentication: AuthenticationReport;
  spam: SpamReport;
  warnings: readonly HeaderWarning[];
  lookalikeBrands: readonly string[];
}

/** Who the From address pretends to be, if anyone: the facts the headline and the passed checks' caveats share. */
export function findImitation(summary: HeaderSummary, brands: readonly string[]): Imitation | null {
  const from = summary.from[0];
  const domain = from ? domainOfAddress(from.address) : null;
  if (!from || !domain) return null;
  const concerns = findDomainConcerns(domain, brands).filter((concern) => concern.code !== 'punycode_domain');
  if (concerns.length > 0) {
    const brand = concerns.find((concern) => concern.code === 'lookalike_brand')?.substitutions[1];
    return { looksLike: brand ?? domainToUnicode(domain), domain, by: 'domain' };
  }
  const claimed = claimedBy(from.name, brands);
  if (claimed !== null && !belongsTo(domain, claimed)) return { looksLike: claimed, domain, by: 'name' };
  return null;
}

/**
 * What a display name claims to be: the domain of an address written into it ("service@bank.example"), or a
 * brand it names as a whole word ("PayPal Service").
 */
function claimedBy(name: string, brands: readonly string[]): string | null {
  const shown = addressShownIn(name);
  if (shown !== null) return domainOfAddress(shown);
  const words = new Set(name.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  return brands.find((brand) => words.has(brand.toLowerCase())) ?? null;
}

/** A claimed domain is met by the same organisation; a claimed brand by a domain that has it as a label. */
function belongsTo(domain: string, claimed: string): boolean {
  if (claimed.includes('.')) return organisationalDomain(domain) === organisationalDomain(claimed);
  return domain.toLowerCase().split('.').includes(claimed.toLowerCase());
}

/** For each check that passed, the domain it passed for, with a caveat when that domain is not who it seems. */
export function passedDomains(
  authentication: AuthenticationReport,
  imitation: Imitation | null,
  brands: readonly string[],
): Partial<Record<AuthMechanism, PassedFor>> {
  const passed: Partial<Record<AuthMechanism, PassedFor>> = {};
  for (const mechanism of MECHANISMS) {
    const verdict = authentication.verdicts[mechanism];
    if (verdict.result !== 'pass' || verdict.source === 'headers-only') continue;
    // Every pass reason names the domain it vouches for first (ARC: the sealers, joined).
    const domain = verdict.reason.substitutions[0];
    if (!domain || domain === NO_VALUE) continue;
    passed[mechanism] = { domain, caveat: caveatFor(domain, imitation, brands) };
  }
  return passed;
}

function caveatFor(domain: string, imitation: Imitation | null, brands: readonly string[]): ReportText | null {
  const shown = domainToUnicode(domain);
  const concerns = domain
    .split(/,\s*/)
    .flatMap((one) => findDomainConcerns(one, brands))
    .filter((concern) => concern.code !== 'punycode_domain');
  if (concerns.length > 0) {
    const brand = concerns.find((concern) => concern.code === 'lookalike_brand')?.substitutions[1];
    return reportText('hdr_passed_lookalike', domain, brand ?? shown);
  }
  if (imitation?.by === 'name' && !belongsTo(domain, imitation.looksLike))
    return reportText('hdr_passed_not_claimed', domain, imitation.looksLike);
  return null;
}

/** The headline from the findings, most serious first. */
export function judgeMessage(
  context: Omit<VerdictContext, 'lookalikeBrands'>,
  imitation: Imitation | null,
  passedFor: Partial<Record<AuthMechanism, PassedFor>>,
): ReportVerdict {
  const verdict = (severity: VerdictSeverity, headline: ReportText): ReportVerdict => ({
    severity,
    headline,
    passedFor,
    imitation,
  });
  const { warnings, authentication, spam } = context;
  const has = (...codes: string[]) => warnings.some((warning) => codes.includes(warning.code));

  if (imitation?.by === 'domain')
    return verdict('error', reportText('hdr_verdict_lookalike', imitation.looksLike, imitation.domain));
  if (imitation?.by === 'name' && imitation.looksLike.includes('.'))
    return verdict('error', reportText('hdr_verdict_name_claims', imitation.looksLike, imitation.domain));
  const riskyError = warnings.find((warning) => warning.code.startsWith('risky_file_') && warning.severity === 'error');
  if (riskyError)
    return verdict('error', reportText('hdr_verdict_risky_file', riskyError.substitutions[1] ?? NO_VALUE));
  if (has('dmarc_fail'))
    return verdict('error', reportText('hdr_verdict_forged', authentication.alignment.fromDomain ?? NO_VALUE));
  if (warnings.some((warning) => warning.severity === 'error'))
    return verdict('error', reportText('hdr_verdict_errors'));
  if (imitation?.by === 'name')
    return verdict('warning', reportText('hdr_verdict_name_claims', imitation.looksLike, imitation.domain));
  if (spam.findings.some((finding) => finding.addedByReceivingSide === true && finding.verdict === 'spam'))
    return verdict('warning', reportText('hdr_verdict_spam'));
  const riskyWarning = warnings.find((warning) => warning.code.startsWith('risky_file_'));
  if (riskyWarning)
    return verdict('warning', reportText('hdr_verdict_risky_file_maybe', riskyWarning.substitutions[1] ?? NO_VALUE));
  // A missing signature alone is common (mail from small servers, one's own sent mail): it is said calmly below.
  if (warnings.some((warning) => warning.severity === 'warning' && warning.code !== 'unsigned'))
    return verdict('warning', reportText('hdr_verdict_warnings'));

  const { verdicts } = authentication;
  const trusted = MECHANISMS.some((mechanism) => verdicts[mechanism].source === 'authentication-results');
  if (!trusted) return verdict('info', reportText('hdr_verdict_unchecked'));
  const signer = passedFor.dkim?.domain;
  if (verdicts.dmarc.result === 'pass')
    return verdict('none', reportText('hdr_verdict_signed', signer ?? passedFor.dmarc?.domain ?? NO_VALUE));
  if (signer) return verdict('info', reportText('hdr_verdict_signed', signer));
  return verdict('info', reportText('hdr_verdict_not_confirmed', authentication.alignment.fromDomain ?? NO_VALUE));
}

export function judgeReport(context: VerdictContext): ReportVerdict {
  const imitation = findImitation(context.summary, context.lookalikeBrands);
  return judgeMessage(context, imitation, passedDomains(context.authentication, imitation, context.lookalikeBrands));
}

const RISKY_FILE_CODES: Record<RiskyFile['reason'], RiskyFileWarningCode> = {
  hidden_characters: 'risky_file_hidden_characters',
  lookalike_characters: 'risky_file_lookalike_characters',
  double_extension: 'risky_file_double_extension',
  executable: 'risky_file_executable',
  shortcut: 'risky_file_shortcut',
  disk_image: 'risky_file_disk_image',
  macro_document: 'risky_file_macro_document',
};

// First Strong Isolate … Pop Directional Isolate: a bidi override inside the name reorders the name, as the webmail
// shows it, without reordering the sentence around it.
const isolated = (text: string) => `\u2068${text}\u2069`;

/** Each risky file as a finding: $1 the name as the webmail shows it, $2 the name it is saved under. */
export function riskyFileWarnings(files: readonly RiskyFile[]): HeaderWarning[] {
  return files.map((file) => ({
    code: RISKY_FILE_CODES[file.reason],
    key: `hdr_warning_${RISKY_FILE_CODES[file.reason]}`,
    severity: file.severity,
    substitutions: [isolated(file.shownName), file.savedName],
  }));
}

/** The report with the message's risky files among its findings, and the verdict weighed again with them. */
export function withRiskyFiles(report: HeaderReport, files: readonly RiskyFile[]): HeaderReport {
  if (files.length === 0) return report;
  const warnings = sortWarnings([...riskyFileWarnings(files), ...report.warnings]);
  const verdict = judgeMessage({ ...report, warnings }, report.verdict.imitation, report.verdict.passedFor);
  return { ...report, warnings, verdict };
}
