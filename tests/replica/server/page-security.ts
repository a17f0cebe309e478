import { KSUITE_ORIGIN, LOGIN_ORIGIN, MAIL_ORIGIN } from './hostnames.ts';

// Content-Security-Policy per host. Scripts only from the page's own origin (no inline script), so the webmail
// UI stands in for a locked-down real site: an extension that relied on inline injection would fail here too.
// Inline styles stay allowed because message HTML carries them.

const COMMON = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
];

const POLICIES = {
  mail: [
    ...COMMON,
    "img-src 'self' data: blob: https:",
    "connect-src 'self'",
    `frame-src 'self' ${MAIL_ORIGIN} blob: data:`,
    "form-action 'self'",
    // The kSuite shell embeds the mail app; nobody else may.
    `frame-ancestors 'self' ${KSUITE_ORIGIN}`,
  ],
  ksuite: [
    ...COMMON,
    "img-src 'self' data: https:",
    `connect-src 'self' ${MAIL_ORIGIN}`,
    `frame-src ${MAIL_ORIGIN}`,
    "form-action 'self'",
    "frame-ancestors 'self'",
  ],
  login: [
    ...COMMON,
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'none'",
    // Chromium applies form-action to the redirect after sign-in, which leads to other Infomaniak hosts.
    `form-action 'self' ${LOGIN_ORIGIN} https://*.infomaniak.com`,
    "frame-ancestors 'none'",
  ],
} as const;

export type PageKind = keyof typeof POLICIES;

export function pageSecurityHeaders(kind: PageKind): Record<string, string> {
  return {
    'Content-Security-Policy': POLICIES[kind].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cache-Control': 'no-store',
  };
}
