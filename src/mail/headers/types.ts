/**
 * The header report: what `analyseHeaders` returns.
 *
 * Plain data only (strings, numbers, booleans, arrays, objects): the report crosses extension
 * messaging, which serialises as JSON, so dates are epoch milliseconds, never Date objects.
 * No user-facing sentence lives here: every explanation is a `ReportText` (an i18n key plus the
 * values for its $1..$9), translated by the UI.
 */
import type { HeaderField } from '../header-block';

export type { HeaderField };

/** An i18n message key (prefix `hdr_`) with the values for its positional placeholders $1..$9. */
export interface ReportText {
  key: string;
  substitutions: string[];
}

export interface HeaderAnalysisOptions {
  /**
   * Authserv-ids whose Authentication-Results are believed, e.g. "mx.example.net", or "*.example.net"
   * for the host and all its subdomains.
   */
  trustedAuthservIds?: readonly string[];
  /** Host names of the receiving side's own servers, matched against the `by` part of Received. */
  receivingHostPatterns?: readonly RegExp[];
  /**
   * Address ranges of the receiving side's own servers in CIDR notation ("2001:db8::/32"): a Received
   * line from one of them is a step inside the receiving side, not the arrival from outside. Private
   * and loopback addresses always count as inside.
   */
  receivingNetworks?: readonly string[];
  /** The reference time for "dated in the future"; defaults to the current time. */
  now?: Date;
  /** Decoders for spam headers beyond the built-in ones (SpamAssassin, Microsoft, Rspamd). */
  spamDecoders?: readonly SpamDecoder[];
  /** Brand names (one domain label each, e.g. "paypal") that lookalike domains imitate; replaces the built-in list. */
  lookalikeBrands?: readonly string[];
}

export interface HeaderReport {
  /** The one-sentence answer a non-expert reads first. */
  verdict: ReportVerdict;
  summary: HeaderSummary;
  hops: HopTrace;
  authentication: AuthenticationReport;
  spam: SpamReport;
  /** Sorted: errors first, then warnings, then information. */
  warnings: HeaderWarning[];
  raw: RawHeaders;
}

// ---- 1. Summary ------------------------------------------------------------------------------

export interface MailAddress {
  /** Display name, RFC 2047 decoded and unquoted; empty when there is none. */
  name: string;
  /** The address as written (never decoded: encoded words are not allowed there). */
  address: string;
}

export interface DateValue {
  /** The date text as written. */
  text: string;
  /** Null when the text is not a date we can read. */
  epochMs: number | null;
  /** Minutes east of UTC as written; null when the date named no zone (read as UTC). */
  offsetMinutes: number | null;
}

export type Priority = 'high' | 'normal' | 'low';

export interface ListUnsubscribe {
  /** The URIs between angle brackets, in the order given (mailto: and https: usually). */
  uris: string[];
  /** RFC 8058 one-click unsubscribe: List-Unsubscribe-Post present with an https URI. */
  oneClick: boolean;
}

export interface HeaderSummary {
  from: MailAddress[];
  sender: MailAddress | null;
  replyTo: MailAddress[];
  /** The envelope sender as recorded on delivery, without angle brackets; "" for the null sender <>. */
  returnPath: string | null;
  to: MailAddress[];
  cc: MailAddress[];
  /** Decoded subject; null when there is no Subject header. */
  subject: string | null;
  date: DateValue | null;
  messageId: string | null;
  inReplyTo: string | null;
  /** X-Mailer or User-Agent. */
  mailer: string | null;
  /** From X-Priority, Importance, Priority or X-MSMail-Priority; null when none is set. */
  priority: Priority | null;
  /** Disposition-Notification-To: the sender asks for a read receipt to these addresses. */
  readReceiptTo: MailAddress[];
  listUnsubscribe: ListUnsubscribe | null;
}

// ---- 2. Hops ---------------------------------------------------------------------------------

/** What one Received header says, as far as it can be read. */
export interface ReceivedFields {
  /** The `from` clause with its comments, e.g. "mail.example.org (mail.example.org [192.0.2.1])". */
  from: string | null;
  /** The first host name or address literal in the `from` clause. */
  fromHost: string | null;
  /** The first IP address found in the `from` clause (IPv6 without its "IPv6:" tag). */
  fromIp: string | null;
  /** The `by` clause with its comments. */
  by: string | null;
  byHost: string | null;
  with: string | null;
  id: string | null;
  for: string | null;
  via: string | null;
  /**
   * What a line that names no server says instead: qmail's "qmail 1234 invoked by uid 89" or "… invoked from
   * network", a hand-over between programs inside one server. Never a host name.
   */
  localHandover: string | null;
  date: DateValue | null;
}

export interface Hop extends ReceivedFields {
  /** 1 = the oldest hop (where the message started), counting in delivery order. */
  number: number;
  /** Position of the Received header in the block, 0 = topmost. */
  headerIndex: number;
  /** The Received value unfolded, always kept: what could not be parsed stays readable here. */
  raw: string;
  /** Seconds since the previous dated hop; negative means the clocks disagree. Null for the first. */
  delaySeconds: number | null;
  /** True when this hop is dated before the previous one. */
  clockSkew: boolean;
  /** True when this hop is where the message entered the receiving side. */
  entry: boolean;
}

export interface HopTrace {
  /** Oldest first. */
  hops: Hop[];
  /** From the first to the last dated hop; negative when clocks disagree; null with fewer than two dates. */
  totalSeconds: number | null;
}

// ---- 3. Authentication -----------------------------------------------------------------------

export type AuthResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror';
export type AuthMechanism = 'spf' | 'dkim' | 'dmarc' | 'arc';

export interface AuthVerdict {
  result: AuthResult;
  reason: ReportText;
  /** Where the result comes from. */
  source: 'authentication-results' | 'received-spf' | 'headers-only';
}

export interface AuthProperty {
  /** "smtp", "header", "body", "policy"; "" for sloppy properties without a type ("action=none"). */
  type: string;
  name: string;
  value: string;
}

export interface MethodResult {
  /** Lower case, e.g. "spf", "dkim", "dmarc", "arc", "iprev". */
  method: string;
  /** The result word as written, lower case (e.g. "pass", "hardfail", "bestguesspass"). */
  result: string;
  reason: string | null;
  comments: string[];
  properties: AuthProperty[];
}

export interface AuthenticationResultsHeader {
  headerIndex: number;
  raw: string;
  authservId: string | null;
  version: number | null;
  /** Comments next to the authserv-id. */
  comments: string[];
  results: MethodResult[];
  trusted: boolean;
  /** Why the results are not used; null when trusted. */
  ignoredBecause: ReportText | null;
}

export interface DkimSignature {
  headerIndex: number;
  version: string | null;
  algorithm: string | null;
  domain: string | null;
  selector: string | null;
  /** Signing time (t=), epoch seconds. */
  timestamp: number | null;
  /** Expiry (x=), epoch seconds. */
  expiry: number | null;
  /** Signed header names (h=). */
  signedHeaders: string[];
  bodyHashPresent: boolean;
  signaturePresent: boolean;
}

export interface ArcInstance {
  instance: number;
  seal: {
    chainValidation: string | null;
    domain: string | null;
    selector: string | null;
    algorithm: string | null;
  } | null;
  messageSignature: { domain: string | null; selector: string | null } | null;
  authenticationResults: { authservId: string | null; results: MethodResult[] } | null;
}

export interface ArcChain {
  /** Ascending by instance number. */
  instances: ArcInstance[];
  /** Instances 1..n each with seal, signature and results; says nothing about cryptographic validity. */
  complete: boolean;
}

export interface ReceivedSpf {
  headerIndex: number;
  /** Lower case result word as written. */
  result: string;
  clientIp: string | null;
  envelopeFrom: string | null;
  helo: string | null;
  receiver: string | null;
  comment: string | null;
}

export type AlignmentMode = 'strict' | 'relaxed' | 'none';

export interface DomainAlignment {
  domain: string;
  /** strict: same domain; relaxed: same organisational domain; none: unrelated. */
  alignment: AlignmentMode;
}

export interface Alignment {
  fromDomain: string | null;
  /** The SPF-checked domain (smtp.mailfrom, else Return-Path) compared with the From domain. */
  spf: DomainAlignment | null;
  /** Each DKIM signing domain compared with the From domain. */
  dkim: DomainAlignment[];
}

export interface AuthenticationReport {
  verdicts: Record<AuthMechanism, AuthVerdict>;
  resultsHeaders: AuthenticationResultsHeader[];
  dkimSignatures: DkimSignature[];
  arc: ArcChain;
  receivedSpf: ReceivedSpf[];
  alignment: Alignment;
}

// ---- 4. Spam ---------------------------------------------------------------------------------

export type SpamVerdict = 'spam' | 'suspicious' | 'clean' | 'unknown';

export interface SpamDetail {
  label: ReportText;
  /** The value as written in the header. */
  value: string;
  /** What the value means, when we know. */
  meaning: ReportText | null;
}

export interface SpamFinding {
  /** Stable id of the decoder, e.g. "spamassassin". */
  decoder: string;
  /** The filter's name for display. */
  name: ReportText;
  verdict: SpamVerdict;
  score: number | null;
  threshold: number | null;
  details: SpamDetail[];
  /** Names of the headers the finding was read from. */
  headers: string[];
  /**
   * True when the headers were added by the receiving side (above its entry hop); false when they
   * were already in the message on arrival, so the sender could have written them; null when unknown.
   */
  addedByReceivingSide: boolean | null;
}

/** Read-only access to the header fields, for decoders. */
export interface HeaderLookup {
  /** All fields with that name (case-insensitive), topmost first. */
  all(name: string): readonly HeaderField[];
  /** The topmost field with that name. */
  first(name: string): HeaderField | undefined;
}

/** A spam header decoder; returns null when its headers are absent. */
export interface SpamDecoder {
  id: string;
  decode(headers: HeaderLookup): Omit<SpamFinding, 'addedByReceivingSide' | 'decoder'> | null;
}

export interface SpamReport {
  /** The worst verdict among findings not written before the receiving side; 'unknown' without any. */
  verdict: SpamVerdict;
  findings: SpamFinding[];
}

// ---- 5. Warnings -----------------------------------------------------------------------------

export type Severity = 'error' | 'warning' | 'info';

export type WarningCode =
  | 'dmarc_fail'
  | 'dkim_fail'
  | 'spf_fail'
  | 'spf_softfail'
  | 'forged_auth_results'
  | 'return_path_differs'
  | 'reply_to_differs'
  | 'display_name_address'
  | 'encoded_address'
  | 'hidden_characters'
  | 'lookalike_brand'
  | 'lookalike_mixed_scripts'
  | 'lookalike_confusable'
  | 'punycode_domain'
  | 'missing_message_id'
  | 'missing_date'
  | 'hop_delay'
  | 'date_in_future'
  | 'hop_in_future'
  | 'clock_skew'
  | 'unsigned'
  | RiskyFileWarningCode;

/** Risky attachments (see src/mail/risky-files.ts), added when the message's files are known. */
export type RiskyFileWarningCode =
  | 'risky_file_hidden_characters'
  | 'risky_file_lookalike_characters'
  | 'risky_file_double_extension'
  | 'risky_file_executable'
  | 'risky_file_shortcut'
  | 'risky_file_disk_image'
  | 'risky_file_macro_document';

export interface HeaderWarning {
  code: WarningCode;
  /** The i18n key of the sentence: `hdr_warning_<code>`. */
  key: string;
  severity: Severity;
  substitutions: string[];
}

// ---- 6. Verdict -----------------------------------------------------------------------------

/** 'none': nothing to worry about. */
export type VerdictSeverity = Severity | 'none';

/** The domain a passed check vouches for, and why that may not be who the reader thinks. */
export interface PassedFor {
  domain: string;
  /** Set when the domain is a look-alike or not the one the sender's name claims. */
  caveat: ReportText | null;
}

/** The From domain made to look like someone else. */
export interface Imitation {
  /** What a reader takes it for: a brand, an address's domain, or the domain in Unicode. */
  looksLike: string;
  /** The domain as it really is (ASCII, so a Punycode name shows as "xn--…"). */
  domain: string;
  /** 'domain': the domain itself is a look-alike; 'name': the display name claims someone else. */
  by: 'domain' | 'name';
}

export interface ReportVerdict {
  severity: VerdictSeverity;
  headline: ReportText;
  passedFor: Partial<Record<AuthMechanism, PassedFor>>;
  imitation: Imitation | null;
}

// ---- 7. Raw ----------------------------------------------------------------------------------

export interface RawHeaderField extends HeaderField {
  /** The RFC 2047 decoded value, only when it differs from `unfolded`. */
  decoded?: string;
}

export interface RawHeaders {
  /** The header block exactly as received. */
  header: string;
  /** Each field on one line, for copying. */
  unfolded: string;
  fields: RawHeaderField[];
}
