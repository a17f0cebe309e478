/**
 * Organisational domains (RFC 7489 section 3.2) and DMARC-style alignment.
 *
 * The organisational domain comes from the Public Suffix List as bundled in tldts, private section included:
 * customers of a shared host (bucket.s3.eu-west-1.amazonaws.com, user.github.io) are separate organisations, as
 * are the owners under wildcard rules (*.kawasaki.jp). The list ships inside the extension, never fetched; this
 * module is imported only by the header analysis, so the list weighs on the bundles that compute a report.
 * Only our own alignment hints use it: a receiving server's dmarc= verdict is still read first (authentication.ts).
 */
// tldts's own minified build: from its ES modules, our bundler copies the 70 KB label string into each of its three
// uses (+275 KB per bundle instead of +135 KB). The version is pinned, so this path moves only when we move it.
import { getDomain } from 'tldts/dist/index.esm.min.js';
import type { AlignmentMode, DomainAlignment } from './types';

// The input is already a bare host name, and an odd but real one (an underscore, say) still has an organisation.
const PSL_OPTIONS = {
  allowPrivateDomains: true,
  extractHostname: false,
  validateHostname: false,
  detectIp: false,
} as const;

/** "example.org." → "example.org"; a loop, since /\.+$/ backtracks quadratically on long runs of dots. */
export function withoutTrailingDots(domain: string): string {
  let end = domain.length;
  while (end > 0 && domain[end - 1] === '.') end--;
  return domain.slice(0, end);
}

/**
 * The registrable part of a domain: "mail.example.co.uk" → "example.co.uk". An IP literal, or a name with no
 * registrable part (a public suffix itself, a single label like "localhost"), is its own organisation.
 */
export function organisationalDomain(domain: string): string {
  const clean = withoutTrailingDots(domain.trim().toLowerCase());
  if (isIpLiteral(clean)) return clean;
  return getDomain(clean, PSL_OPTIONS) ?? clean;
}

export function isIpLiteral(text: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(text) || (text.includes(':') && /^[0-9a-f:.]+$/i.test(text));
}

/** How `domain` aligns with the From domain: identical, same organisation, or unrelated. */
export function alignmentWith(fromDomain: string, domain: string): DomainAlignment {
  const a = withoutTrailingDots(fromDomain.toLowerCase());
  const b = withoutTrailingDots(domain.toLowerCase());
  let alignment: AlignmentMode = 'none';
  if (a === b) alignment = 'strict';
  else if (organisationalDomain(a) === organisationalDomain(b)) alignment = 'relaxed';
  return { domain: b, alignment };
}

/** True for two domains under different organisations. */
export function differentOrganisations(a: string, b: string): boolean {
  return organisationalDomain(a) !== organisationalDomain(b);
}
