// Faults tests switch on through the control interface: slow API, failing API, cut-short downloads, downloads
// answered with an HTML page. Each is
// consumed request by request so a test can say "the next two calls fail" and then see recovery.

export type TruncationMode = 'cut' | 'short';

/**
 * How the API answers a request without a valid session: a JSON 401 `not_authorized`, or a 302 to the sign-in page
 * (reported in 2026 for calls to `/api/mail` without a valid session). A wrong Bearer token always gets the 401.
 */
export type SignedOutAnswer = 'status' | 'redirect';

export interface FailureRule {
  remaining: number;
  status: number;
  /** Only requests whose path contains this are hit (and counted). */
  pathContains?: string;
  retryAfterSeconds: number;
}

export interface TruncationRule {
  remaining: number;
  bytes: number;
  mode: TruncationMode;
  /** Only downloads whose path contains one of these are hit (and counted): the webmail page fetches images too. */
  pathContains?: readonly string[];
}

/** More than `perSecond` requests within a second (of those whose path contains `pathContains`) answer 429. */
export interface RateLimitRule {
  perSecond: number;
  retryAfterSeconds: number;
  pathContains?: string;
}

/** After `remaining` more API requests (matching `pathContains`), every session ends as expireSession would end it. */
export interface SessionExpiryRule {
  remaining: number;
  tokens: boolean;
  answer: SignedOutAnswer;
  pathContains?: string;
}

export class FaultPlan {
  latencyMs = 0;
  signedOutAnswer: SignedOutAnswer = 'status';
  /** The next attachments archives leave out their last file: a server bug the extension must not pass on. */
  archivesMissingAFile = 0;
  /** The next downloads answer 200 with an HTML page instead of their bytes (see binary-response.ts). */
  downloadsAnsweredWithHtml = 0;
  /** Only downloads whose path contains one of these get the HTML page (and are counted). */
  htmlDownloadsPathContains: readonly string[] | undefined;
  private failures: FailureRule[] = [];
  private truncation: TruncationRule | undefined;
  private rateLimit: RateLimitRule | undefined;
  /** Arrival times (ms) of the requests the rate limit let through in the last second. */
  private admitted: number[] = [];
  private sessionExpiry: SessionExpiryRule | undefined;

  limitRate(rule: RateLimitRule | undefined): void {
    this.rateLimit = rule && { ...rule };
    this.admitted = [];
  }

  /**
   * Retry-After seconds when this request is over the rate limit, else undefined (and it counts). Refused requests
   * do not count, so a client that keeps to the limit is always served.
   */
  takeRateLimit(path: string, now = Date.now()): number | undefined {
    const rule = this.rateLimit;
    if (!rule || (rule.pathContains && !path.includes(rule.pathContains))) return undefined;
    while (this.admitted.length > 0 && this.admitted[0]! <= now - 1000) this.admitted.shift();
    if (this.admitted.length >= rule.perSecond) return rule.retryAfterSeconds;
    this.admitted.push(now);
    return undefined;
  }

  expireSessionAfter(rule: SessionExpiryRule): void {
    this.sessionExpiry = { ...rule };
  }

  /** The expiry to apply before this request, once its count of requests has run out. */
  takeSessionExpiry(path: string): SessionExpiryRule | undefined {
    const rule = this.sessionExpiry;
    if (!rule || (rule.pathContains && !path.includes(rule.pathContains))) return undefined;
    if (rule.remaining > 0) {
      rule.remaining -= 1;
      return undefined;
    }
    this.sessionExpiry = undefined;
    return rule;
  }

  failNext(rule: FailureRule): void {
    this.failures.push({ ...rule });
  }

  /** The failure to apply to this request, if a rule matches; the rule's count goes down. */
  takeFailure(path: string): FailureRule | undefined {
    const rule = this.failures.find((r) => r.remaining > 0 && (!r.pathContains || path.includes(r.pathContains)));
    if (!rule) return undefined;
    rule.remaining -= 1;
    this.failures = this.failures.filter((r) => r.remaining > 0);
    return rule;
  }

  truncateNext(rule: TruncationRule): void {
    this.truncation = { ...rule };
  }

  takeTruncation(path: string): TruncationRule | undefined {
    const rule = this.truncation;
    if (!rule || rule.remaining <= 0) return undefined;
    if (!pathMatches(path, rule.pathContains)) return undefined;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.truncation = undefined;
    return rule;
  }

  /** Whether this download gets the HTML page instead of its bytes; the count goes down when it does. */
  takeHtmlAnswer(path: string): boolean {
    if (this.downloadsAnsweredWithHtml <= 0) return false;
    if (!pathMatches(path, this.htmlDownloadsPathContains)) return false;
    this.downloadsAnsweredWithHtml -= 1;
    return true;
  }

  clear(): void {
    this.latencyMs = 0;
    this.signedOutAnswer = 'status';
    this.archivesMissingAFile = 0;
    this.downloadsAnsweredWithHtml = 0;
    this.htmlDownloadsPathContains = undefined;
    this.failures = [];
    this.truncation = undefined;
    this.rateLimit = undefined;
    this.admitted = [];
    this.sessionExpiry = undefined;
  }
}

function pathMatches(path: string, parts: readonly string[] | undefined): boolean {
  return !parts || parts.some((part) => path.includes(part));
}
