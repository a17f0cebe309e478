/**
 * The delivery path: Received headers in delivery order with the time each step took, and the hop
 * where the message entered the receiving side. The Received line right below that hop is the
 * topmost one written outside the receiving side; everything below it was in the message before
 * the receiving side saw it, i.e. possibly written by the sender.
 */
import type { HeaderField } from '../header-block';
import { inAddressRange } from './address-ranges';
import { parseReceived, type ParsedReceived } from './received';
import { collectComments } from './structured-text';
import type { Hop, HopTrace } from './types';

/** Where the receiving side's own headers end. */
export interface Arrival {
  /** Header index of the entry hop's Received line. */
  entryHeaderIndex: number;
  /**
   * Header index of the topmost Received line written outside the receiving side (the next Received
   * below the entry line); null when the entry line is the last Received.
   */
  outsideHeaderIndex: number | null;
}

export interface HopAnalysis {
  trace: HopTrace;
  /** Null when the entry hop cannot be identified. */
  arrival: Arrival | null;
}

/** What the receiving side's own servers look like in a Received line. */
export interface ReceivingSide {
  /** Matched against host names: `by`, and the looked-up names in the `from` comment. */
  hostPatterns: readonly RegExp[];
  /** CIDR ranges of its own addresses, beyond private and loopback ones. */
  networks: readonly string[];
}

/**
 * Whether the header at `headerIndex` was added by the receiving side on arrival: above the topmost
 * Received line written outside it. That takes in headers directly above the entry line (Exchange
 * Online, a content filter that re-injects the message) and directly below it (Gmail; Postfix, which
 * hides its own Received line from milters, so their Authentication-Results and ARC headers land
 * under it), but never anything below the sender's own Received lines. With no Received line below
 * the entry, nothing marks where the sender's part begins, so everything under it counts; callers
 * let the topmost header win, which a copy written further down cannot outrank. Null when the entry
 * is unknown.
 */
export function addedOnArrival(arrival: Arrival | null, headerIndex: number): boolean | null {
  if (arrival === null) return null;
  return arrival.outsideHeaderIndex === null || headerIndex < arrival.outsideHeaderIndex;
}

/** `receivedFields` topmost first, as they appear in the header block. */
export function traceHops(receivedFields: readonly HeaderField[], receivingSide: ReceivingSide): HopAnalysis {
  const parsed = receivedFields.map((field) => ({ field, received: parseReceived(field.unfolded) }));
  const entry = findEntry(
    parsed.map((item) => item.received),
    receivingSide,
  );
  const entryField = entry === null ? undefined : parsed[entry]?.field;
  const outsideField = entry === null ? undefined : parsed[entry + 1]?.field;
  const arrival: Arrival | null = entryField
    ? { entryHeaderIndex: entryField.index, outsideHeaderIndex: outsideField?.index ?? null }
    : null;

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
  return { trace: { hops, totalSeconds }, arrival };
}

/**
 * Walks down from the newest hop through the receiving side's own servers and stops at the first
 * hop that received the message from outside: that is where it entered. Stopping there (rather than
 * taking the oldest hop whose "by" looks like ours) means Received lines the sender forged further
 * down, naming our servers, cannot move the boundary. Returns an index into `received`.
 */
function findEntry(received: readonly ParsedReceived[], side: ReceivingSide): number | null {
  const patterns = side.hostPatterns;
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
    if (!cameFromInside(hop, side)) break;
  }
  return entry;
}

function matchesAny(host: string | null, patterns: readonly RegExp[]): boolean {
  // String.search ignores lastIndex, so a caller's /g pattern cannot make this flaky.
  return host !== null && patterns.some((pattern) => host.search(pattern) !== -1);
}

/**
 * Whether the previous server is one of ours. The HELO name (first word of "from") is whatever the
 * client claimed, so only the address (private, loopback or in our networks) or the host names the
 * receiving server looked up itself (in the comment) count.
 */
function cameFromInside(hop: ParsedReceived, side: ReceivingSide): boolean {
  const patterns = side.hostPatterns;
  if (hop.from === null) return true;
  if (hop.fromIp !== null) {
    const ip = hop.fromIp;
    if (isPrivateAddress(ip) || side.networks.some((network) => inAddressRange(ip, network))) return true;
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
