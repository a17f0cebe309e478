/**
 * One verdict per mechanism (SPF, DKIM, DMARC, ARC), from the results the receiving side recorded.
 *
 * Anyone can write an Authentication-Results header into a message before sending it. Results count
 * only when the authserv-id is one the caller trusts AND the header was added on arrival: above the
 * topmost Received line written outside the receiving side, i.e. directly above or directly below
 * the entry hop's line, never below the sender's own Received lines (see `addedOnArrival`). When
 * several trusted headers report a mechanism, the topmost decides it. Everything else is listed
 * with the reason it was ignored, and the verdicts fall back to what the headers alone can tell.
 */
import type { HeaderField } from '../header-block';
import { domainOfAddress } from './addresses';
import { parseAuthenticationResults, propertyValue } from './authentication-results';
import { alignmentWith } from './domains';
import { addedOnArrival, type Arrival } from './hops';
import { REASON_RESULTS, reportText, type HeaderMessageKey } from './messages';
import { parseReceivedSpf } from './received-spf';
import { buildArcChain, parseDkimSignature } from './signatures';
import type {
  Alignment,
  AuthenticationReport,
  AuthenticationResultsHeader,
  AuthMechanism,
  AuthResult,
  AuthVerdict,
  DkimSignature,
  HeaderLookup,
  MethodResult,
  ReceivedSpf,
} from './types';

export interface AuthenticationContext {
  headers: HeaderLookup;
  /** Where the receiving side's own headers end; null when the entry hop is unknown. */
  arrival: Arrival | null;
  trustedAuthservIds: readonly string[];
  fromDomain: string | null;
  /** Return-Path address, for SPF alignment when no trusted result names the envelope sender. */
  returnPath: string | null;
}

/** The trusted result for a mechanism, with the authserv-id that vouched for it. */
interface TrustedResult {
  result: MethodResult;
  authservId: string;
}

const NO_VALUE = '—';

export function analyseAuthentication(context: AuthenticationContext): AuthenticationReport {
  const resultsHeaders = context.headers
    .all('Authentication-Results')
    .map((field) => judgeResultsHeader(field, context));
  const trusted = resultsHeaders.filter((header) => header.trusted);
  const dkimSignatures = context.headers.all('DKIM-Signature').map(parseDkimSignature);
  const arc = buildArcChain({
    seals: context.headers.all('ARC-Seal'),
    messageSignatures: context.headers.all('ARC-Message-Signature'),
    authenticationResults: context.headers.all('ARC-Authentication-Results'),
  });
  const receivedSpf = context.headers.all('Received-SPF').map(parseReceivedSpf);

  const spfResult = firstTrusted(trusted, 'spf');
  const dkimResults = allTrusted(trusted, 'dkim');
  const dmarcResult = firstTrusted(trusted, 'dmarc');
  const arcResult = firstTrusted(trusted, 'arc');
  const usableReceivedSpf = receivedSpf.find((header) => addedOnArrival(context.arrival, header.headerIndex) !== false);
  const alignment = computeAlignment(context, spfResult, dkimResults, dkimSignatures, usableReceivedSpf);
  const sealers = unique(arc.instances.map((instance) => instance.seal?.domain ?? null)).join(', ');

  return {
    verdicts: {
      spf: spfVerdict(spfResult, usableReceivedSpf),
      dkim: dkimVerdict(dkimResults, dkimSignatures, alignment),
      dmarc: dmarcVerdict(dmarcResult, context.fromDomain),
      arc: arcVerdict(arcResult, arc.instances.length > 0, sealers || NO_VALUE),
    },
    resultsHeaders,
    dkimSignatures,
    arc,
    receivedSpf,
    alignment,
  };
}

function judgeResultsHeader(field: HeaderField, context: AuthenticationContext): AuthenticationResultsHeader {
  const parsed = parseAuthenticationResults(field.unfolded);
  const header: AuthenticationResultsHeader = {
    headerIndex: field.index,
    raw: field.unfolded,
    ...parsed,
    trusted: false,
    ignoredBecause: null,
  };
  const id = parsed.authservId;
  if (id === null) {
    header.ignoredBecause = reportText('hdr_ar_ignored_no_authserv_id');
  } else if (!context.trustedAuthservIds.some((pattern) => authservIdMatches(id, pattern))) {
    header.ignoredBecause = reportText('hdr_ar_ignored_untrusted', id);
  } else if (context.arrival === null) {
    header.ignoredBecause = reportText('hdr_ar_ignored_entry_unknown', id);
  } else if (!addedOnArrival(context.arrival, field.index)) {
    // Below the sender's own Received lines: it was in the message before the receiving side saw it.
    header.ignoredBecause = reportText('hdr_ar_ignored_below_entry', id);
  } else {
    header.trusted = true;
  }
  return header;
}

/** "mx.example.net" matches itself; "*.example.net" matches example.net and any host under it. */
export function authservIdMatches(id: string, pattern: string): boolean {
  const host = id.toLowerCase();
  const wanted = pattern.toLowerCase();
  if (!wanted.startsWith('*.')) return host === wanted;
  const suffix = wanted.slice(2);
  return host === suffix || host.endsWith(`.${suffix}`);
}

/** The newest trusted header that has the mechanism decides it. */
function firstTrusted(trusted: readonly AuthenticationResultsHeader[], method: string): TrustedResult | null {
  for (const header of trusted) {
    const result = header.results.find((candidate) => candidate.method === method);
    if (result) return { result, authservId: header.authservId ?? NO_VALUE };
  }
  return null;
}

function allTrusted(trusted: readonly AuthenticationResultsHeader[], method: string): TrustedResult[] {
  for (const header of trusted) {
    const results = header.results.filter((candidate) => candidate.method === method);
    if (results.length > 0) return results.map((result) => ({ result, authservId: header.authservId ?? NO_VALUE }));
  }
  return [];
}

/** Result words from RFC 8601 plus the older and vendor spellings seen in the wild. */
// A Map, not an object literal: header text such as "constructor" must not reach Object.prototype.
const RESULT_SYNONYMS = new Map<string, AuthResult>(
  Object.entries({
    pass: 'pass',
    fail: 'fail',
    hardfail: 'fail',
    softfail: 'softfail',
    neutral: 'neutral',
    none: 'none',
    temperror: 'temperror',
    error: 'temperror',
    permerror: 'permerror',
    unknown: 'permerror',
  }),
);

function verdictFor(
  mechanism: AuthMechanism,
  rawResult: string,
  reasonKeyFor: (result: AuthResult) => HeaderMessageKey,
  substitutions: string[],
  source: AuthVerdict['source'],
): AuthVerdict {
  const result = RESULT_SYNONYMS.get(rawResult);
  const known: readonly AuthResult[] = REASON_RESULTS[mechanism];
  if (result !== undefined && known.includes(result)) {
    return { result, reason: reportText(reasonKeyFor(result), ...substitutions), source };
  }
  // "policy", "bestguesspass" and friends: shown as reported, counted as neither pass nor fail.
  return {
    result: result ?? 'neutral',
    // The last substitution is always who reported the result (authserv-id or Received-SPF receiver).
    reason: reportText(
      'hdr_reason_other_result',
      rawResult || NO_VALUE,
      substitutions[substitutions.length - 1] ?? NO_VALUE,
    ),
    source,
  };
}

function fromTrusted(mechanism: AuthMechanism, trusted: TrustedResult, subject: string): AuthVerdict {
  return verdictFor(
    mechanism,
    trusted.result.result,
    (result) => `hdr_reason_${mechanism}_${result}` as HeaderMessageKey,
    [subject, trusted.authservId],
    'authentication-results',
  );
}

function fallback(result: AuthResult, reason: AuthVerdict['reason']): AuthVerdict {
  return { result, reason, source: 'headers-only' };
}

function spfVerdict(trusted: TrustedResult | null, receivedSpf: ReceivedSpf | undefined): AuthVerdict {
  if (trusted) {
    const checked =
      propertyValue(trusted.result, 'smtp', 'mailfrom') ?? propertyValue(trusted.result, 'smtp', 'helo') ?? NO_VALUE;
    return fromTrusted('spf', trusted, domainOrSelf(checked));
  }
  if (receivedSpf) {
    return verdictFor(
      'spf',
      receivedSpf.result,
      () => 'hdr_reason_spf_received_spf',
      [receivedSpf.receiver ?? NO_VALUE],
      'received-spf',
    );
  }
  return fallback('none', reportText('hdr_reason_spf_not_checked'));
}

function dmarcVerdict(trusted: TrustedResult | null, fromDomain: string | null): AuthVerdict {
  if (!trusted) return fallback('none', reportText('hdr_reason_dmarc_not_checked'));
  return fromTrusted('dmarc', trusted, propertyValue(trusted.result, 'header', 'from') ?? fromDomain ?? NO_VALUE);
}

function arcVerdict(trusted: TrustedResult | null, hasChain: boolean, sealers: string): AuthVerdict {
  if (trusted) return fromTrusted('arc', trusted, sealers);
  if (hasChain) return fallback('neutral', reportText('hdr_reason_arc_unverified', sealers));
  return fallback('none', reportText('hdr_reason_arc_absent'));
}

const DKIM_PREFERENCE: readonly AuthResult[] = [
  'pass',
  'fail',
  'permerror',
  'temperror',
  'neutral',
  'softfail',
  'none',
];

function dkimVerdict(
  trusted: readonly TrustedResult[],
  signatures: readonly DkimSignature[],
  alignment: Alignment,
): AuthVerdict {
  if (trusted.length > 0) {
    const rank = (candidate: TrustedResult) => {
      const result = RESULT_SYNONYMS.get(candidate.result.result);
      const position = result === undefined ? DKIM_PREFERENCE.length : DKIM_PREFERENCE.indexOf(result);
      // Among passes, one aligned with From matters most (it is the one DMARC can use).
      const aligned = alignment.dkim.some(
        (entry) => entry.domain === dkimDomain(candidate.result) && entry.alignment !== 'none',
      );
      return position * 2 + (aligned ? 0 : 1);
    };
    const best = [...trusted].sort((a, b) => rank(a) - rank(b))[0] as TrustedResult;
    return fromTrusted('dkim', best, dkimDomain(best.result) ?? NO_VALUE);
  }
  if (signatures.length === 0) return fallback('none', reportText('hdr_reason_dkim_unsigned'));
  const domains = unique(signatures.map((signature) => signature.domain)).join(', ');
  return fallback('neutral', reportText('hdr_reason_dkim_unverified', domains || NO_VALUE));
}

function dkimDomain(result: MethodResult): string | null {
  const d = propertyValue(result, 'header', 'd');
  if (d) return d.toLowerCase();
  const i = propertyValue(result, 'header', 'i');
  return i ? domainOrSelf(i) : null;
}

function computeAlignment(
  context: AuthenticationContext,
  spf: TrustedResult | null,
  dkim: readonly TrustedResult[],
  signatures: readonly DkimSignature[],
  receivedSpf: ReceivedSpf | undefined,
): Alignment {
  const fromDomain = context.fromDomain;
  if (fromDomain === null) return { fromDomain, spf: null, dkim: [] };
  const envelope =
    (spf && propertyValue(spf.result, 'smtp', 'mailfrom')) ?? context.returnPath ?? receivedSpf?.envelopeFrom ?? null;
  const envelopeDomain = envelope ? domainOrSelf(envelope) : null;
  const dkimDomains =
    dkim.length > 0
      ? dkim.map((trusted) => dkimDomain(trusted.result))
      : signatures.map((signature) => signature.domain);
  return {
    fromDomain,
    spf: envelopeDomain ? alignmentWith(fromDomain, envelopeDomain) : null,
    dkim: unique(dkimDomains).map((domain) => alignmentWith(fromDomain, domain)),
  };
}

/** "alice@example.org" → "example.org"; a bare domain (as Microsoft writes smtp.mailfrom) stays. */
function domainOrSelf(value: string): string {
  return domainOfAddress(value) ?? value.replace(/^<|>$/g, '').replace(/^@/, '').toLowerCase();
}

function unique(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null && value !== ''))];
}
