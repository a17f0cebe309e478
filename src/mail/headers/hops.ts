/**
 * The delivery path: Received headers in delivery order with the time each step took, and the hop
 * where the message entered the receiving side (everything below that hop was written by servers
 * the receiving side does not control, i.e. possibly by the sender).
 */
import type { HeaderField } from '../header-block';
import { parseReceived, type ParsedReceived } from './received';
import { collectComments } from './structured-text';
import type { Hop, HopTrace } from './types';

export interface HopAnalysis {
  trace: HopTrace;
  /** Header index of the entry hop's Received line; null when it cannot be identified. */
  entryHeaderIndex: number | null;
}

/** `receivedFields` topmost first, as they appear in the header block. */
export function traceHops(
  receivedFields: readonly HeaderField[],
  receivingHostPatterns: readonly RegExp[],
): HopAnalysis {
  const parsed = receivedFields.map((field) => ({ field, received: parseReceived(field.unfolded) }));
  const entry = findEntry(
    parsed.map((item) => item.received),
    receivingHostPatterns,
  );
  const entryHeaderIndex = entry === null ? null : (parsed[entry]?.field.index ?? null);

  const hops: Hop[] = [];
  let previousDated: number | null = null;
  let firstDated: number | null = null;
  let lastDated: number | null = null;
  for (let i = parsed.length - 1; i >= 0; i--) {
    const { field, received } = parsed[i] as (typeof parsed)[number];
    const epochMs = received.date?.epochMs ?? null;
    const delaySeconds = epochMs !== null && previousDated !== null ? (epochMs - previousDated) / 1000 : null;
    hops.push({
      number: hops.length + 1,
      headerIndex: field.index,
      raw: field.unfolded,
      ...received,
      delaySeconds,
      // Kept negative and flagged rather than clamped: a wrong clock is itself worth seeing.
      clockSkew: delaySeconds !== null && delaySeconds < 0,
      entry: i === entry,
    });
    if (epochMs !== null) {
      previousDated = epochMs;
      firstDated ??= epochMs;
      lastDated = epochMs;
    }
  }
  const datedCount = hops.filter((hop) => hop.date?.epochMs != null).length;
  const totalSeconds =
    datedCount >= 2 && firstDated !== null && lastDated !== null ? (lastDated - firstDated) / 1000 : null;
  return { trace: { hops, totalSeconds }, entryHeaderIndex };
}

/**
 * Walks down from the newest hop through the receiving side's own servers and stops at the first
 * hop that received the message from outside: that is where it entered. Stopping there (rather than
 * taking the oldest hop whose "by" looks like ours) means Received lines the sender forged further
 * down, naming our servers, cannot move the boundary. Returns an index into `received`.
 */
function findEntry(received: readonly ParsedReceived[], patterns: readonly RegExp[]): number | null {
  if (patterns.length === 0) return null;
  let entry: number | null = null;
  for (let i = 0; i < received.length; i++) {
    const hop = received[i] as ParsedReceived;
    if (!matchesAny(hop.byHost, patterns)) {
      // Local delivery lines above our relays ("by localhost with LMTP") are skipped; a foreign
      // server below them ends the walk.
      if (entry !== null) break;
      continue;
    }
    entry = i;
    if (!cameFromInside(hop, patterns)) break;
  }
  return entry;
}

function matchesAny(host: string | null, patterns: readonly RegExp[]): boolean {
  // String.search ignores lastIndex, so a caller's /g pattern cannot make this flaky.
  return host !== null && patterns.some((pattern) => host.search(pattern) !== -1);
}

/**
 * Whether the previous server is one of ours. The HELO name (first word of "from") is whatever the
 * client claimed, so only the private/loopback address or the host names the receiving server
 * looked up itself (in the comment) count.
 */
function cameFromInside(hop: ParsedReceived, patterns: readonly RegExp[]): boolean {
  if (hop.from === null) return true;
  if (hop.fromIp !== null) {
    if (isPrivateAddress(hop.fromIp)) return true;
  } else if (hop.fromHost !== null && (/^localhost(\.|$)/i.test(hop.fromHost) || matchesAny(hop.fromHost, patterns))) {
    return true;
  }
  const commentHosts = collectComments(hop.from).flatMap((comment) => comment.split(/[\s[\]]+/));
  return commentHosts.some((host) => host.includes('.') && matchesAny(host, patterns));
}

function isPrivateAddress(ip: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\./.exec(ip);
  if (v4) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  const v6 = ip.toLowerCase();
  return v6 === '::1' || /^f[cd][0-9a-f]{2}:/.test(v6) || /^fe[89ab][0-9a-f]:/.test(v6);
}
