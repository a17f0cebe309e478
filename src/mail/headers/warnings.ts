/**
 * Findings a non-expert should see, each a `hdr_warning_<code>` sentence with its values.
 * Severity: error = likely fraud or failed authentication; warning = worth a look; info = explains
 * something unusual but usually harmless.
 */
import { domainOfAddress } from './addresses';
import { differentOrganisations } from './domains';
import { findDomainConcerns, type DomainConcernCode } from './lookalike';
import type { AuthenticationReport, HeaderSummary, HeaderWarning, HopTrace, Severity, WarningCode } from './types';
import { formatDuration } from './duration';

export interface WarningContext {
  summary: HeaderSummary;
  hops: HopTrace;
  authentication: AuthenticationReport;
  nowMs: number;
  lookalikeBrands: readonly string[];
}

// Clocks drift and relays queue: only more than this is called "in the future".
const FUTURE_TOLERANCE_MS = 15 * 60 * 1000;
const SLOW_HOP_SECONDS = 60 * 60;

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const DOMAIN_CONCERN_SEVERITY: Record<DomainConcernCode, Severity> = {
  lookalike_brand: 'error',
  lookalike_mixed_scripts: 'error',
  lookalike_confusable: 'warning',
  punycode_domain: 'info',
};

// Bidi overrides/isolates and zero-width characters reorder or hide text (e.g. "moc.elgoog" tricks).
const HIDDEN_CHARACTERS = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

export function collectWarnings(context: WarningContext): HeaderWarning[] {
  const warnings: HeaderWarning[] = [];
  const add = (code: WarningCode, severity: Severity, ...substitutions: string[]) =>
    warnings.push({ code, key: `hdr_warning_${code}`, severity, substitutions });

  authenticationWarnings(context.authentication, context.summary, add);
  senderWarnings(context, add);
  timingWarnings(context, add);
  if (context.summary.messageId === null) add('missing_message_id', 'warning');
  if (context.summary.date === null) add('missing_date', 'warning');

  return sortWarnings(warnings);
}

/** Errors first, then warnings, then information; the order found within each. */
export function sortWarnings(warnings: readonly HeaderWarning[]): HeaderWarning[] {
  return warnings
    .map((warning, order) => ({ warning, order }))
    .sort((a, b) => SEVERITY_ORDER[a.warning.severity] - SEVERITY_ORDER[b.warning.severity] || a.order - b.order)
    .map(({ warning }) => warning);
}

type Add = (code: WarningCode, severity: Severity, ...substitutions: string[]) => void;

function authenticationWarnings(authentication: AuthenticationReport, summary: HeaderSummary, add: Add): void {
  const { verdicts } = authentication;
  const fromDomain = authentication.alignment.fromDomain ?? '—';
  // When DMARC passed, a failing SPF or DKIM alone is normal for forwarded and list mail.
  const dmarcPassed = verdicts.dmarc.result === 'pass';
  if (verdicts.dmarc.result === 'fail') add('dmarc_fail', 'error', fromDomain);
  if (verdicts.dkim.result === 'fail')
    add('dkim_fail', dmarcPassed ? 'info' : 'warning', verdicts.dkim.reason.substitutions[0] ?? '—');
  if (verdicts.spf.result === 'fail')
    add('spf_fail', dmarcPassed ? 'info' : 'warning', verdicts.spf.reason.substitutions[0] ?? fromDomain);
  if (verdicts.spf.result === 'softfail')
    add('spf_softfail', dmarcPassed ? 'info' : 'warning', verdicts.spf.reason.substitutions[0] ?? fromDomain);
  for (const header of authentication.resultsHeaders) {
    if (header.ignoredBecause?.key === 'hdr_ar_ignored_below_entry')
      add('forged_auth_results', 'warning', header.authservId ?? '—');
  }
  // A trusted "dkim=pass" without a DKIM-Signature left means a relay stripped it: signed, not unsigned.
  if (authentication.dkimSignatures.length === 0 && verdicts.dkim.result === 'none' && summary.from.length > 0)
    add('unsigned', 'warning');
}

function senderWarnings(context: WarningContext, add: Add): void {
  const { summary } = context;
  const from = summary.from[0];
  const fromDomain = from ? domainOfAddress(from.address) : null;

  if (fromDomain && summary.returnPath) {
    const bounceDomain = domainOfAddress(summary.returnPath);
    if (bounceDomain && differentOrganisations(fromDomain, bounceDomain))
      add('return_path_differs', 'info', bounceDomain, fromDomain);
  }
  if (from && fromDomain) {
    const elsewhere = summary.replyTo.find((reply) => {
      const replyDomain = domainOfAddress(reply.address);
      return replyDomain !== null && differentOrganisations(fromDomain, replyDomain);
    });
    if (elsewhere) add('reply_to_differs', 'warning', elsewhere.address, from.address);
  }

  for (const person of [...summary.from, ...(summary.sender ? [summary.sender] : []), ...summary.replyTo]) {
    const shown = addressShownIn(person.name);
    if (shown && shown.toLowerCase() !== person.address.toLowerCase())
      add('display_name_address', 'error', shown, person.address);
    // Encoded words are not allowed in an address; decoding them is how Mailsploit-style spoofs work.
    if (person.address.includes('=?')) add('encoded_address', 'error', person.address);
    if (HIDDEN_CHARACTERS.test(person.name)) add('hidden_characters', 'warning', person.address);
  }
  if (summary.subject !== null && HIDDEN_CHARACTERS.test(summary.subject))
    add('hidden_characters', 'warning', 'Subject');

  const domains = new Set<string>();
  for (const person of [...summary.from, ...(summary.sender ? [summary.sender] : []), ...summary.replyTo]) {
    const domain = domainOfAddress(person.address);
    if (domain) domains.add(domain);
  }
  const bounceDomain = summary.returnPath ? domainOfAddress(summary.returnPath) : null;
  if (bounceDomain) domains.add(bounceDomain);
  for (const domain of domains) {
    for (const concern of findDomainConcerns(domain, context.lookalikeBrands)) {
      add(concern.code, DOMAIN_CONCERN_SEVERITY[concern.code], ...concern.substitutions);
    }
  }
}

function timingWarnings(context: WarningContext, add: Add): void {
  const latestAllowed = context.nowMs + FUTURE_TOLERANCE_MS;
  const date = context.summary.date;
  if (date?.epochMs != null && date.epochMs > latestAllowed) add('date_in_future', 'warning', date.text);
  for (const hop of context.hops.hops) {
    if (hop.date?.epochMs != null && hop.date.epochMs > latestAllowed)
      add('hop_in_future', 'warning', String(hop.number), hop.date.text);
    if (hop.delaySeconds === null) continue;
    if (hop.clockSkew) add('clock_skew', 'info', String(hop.number), formatDuration(-hop.delaySeconds));
    else if (hop.delaySeconds > SLOW_HOP_SECONDS)
      add('hop_delay', 'info', String(hop.number), formatDuration(hop.delaySeconds));
  }
}

const ADDRESS_CHARACTER = /[^\s<>"'@]/;

/**
 * The first thing shaped like an address in a display name. Grown outwards from each "@" rather than
 * found with a regular expression, which would take quadratic time on a long name without one.
 */
export function addressShownIn(name: string): string | null {
  for (let at = name.indexOf('@'); at !== -1; at = name.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && ADDRESS_CHARACTER.test(name[start - 1] as string)) start--;
    let end = at + 1;
    while (end < name.length && ADDRESS_CHARACTER.test(name[end] as string)) end++;
    const domain = name.slice(at + 1, end);
    if (start < at && /[^.]\.[^.]/.test(domain)) return name.slice(start, end);
  }
  return null;
}
