import { HEALTH_SELECTORS, type PageHealth } from '../ksuite/page-health';
import { WEBMAIL_SELECTORS } from '../ksuite/selectors';

/**
 * The text "Copy diagnostics" puts on the clipboard, for a bug report: the extension's version, the browser, what
 * the page is and which selectors matched. In English, for whoever reads the report; nothing from the mail (no
 * address, subject, uid or folder id) is in it: the page's answer holds only counts and URL shapes.
 */
export function diagnosticsText(health: PageHealth, about: { version: string; userAgent: string }): string {
  const lines = [
    `kSuite Mail companion ${about.version}`,
    `Browser: ${browserFromUserAgent(about.userAgent)}`,
    `Page: ${HOST_NAMES[health.host]}, ${VIEW_NAMES[health.view]}`,
    `Recognised: ${health.ready ? 'yes' : 'no, the page looks different'}`,
    ...health.urlShapes.map((shape, i) => `${i === 0 ? 'URL' : 'Frame URL'}: ${shape}`),
    'Selectors (matches):',
    ...HEALTH_SELECTORS.map((name) => `  ${name} ${WEBMAIL_SELECTORS[name]}: ${health.matches[name]}`),
  ];
  return `${lines.join('\n')}\n`;
}

const HOST_NAMES: Record<PageHealth['host'], string> = {
  'ksuite-shell': 'kSuite shell',
  mail: 'classic mail host',
  other: 'other host',
  unknown: 'not a webmail page',
};

const VIEW_NAMES: Record<PageHealth['view'], string> = {
  message: 'message open',
  list: 'message list',
  settings: 'settings',
  unrecognised: 'nothing recognised',
  'no-answer': 'the extension got no answer from the page',
};

/** "Firefox 140 (Linux)": the browser's name, major version and system, nothing finer. */
export function browserFromUserAgent(userAgent: string): string {
  const browser =
    namedVersion(userAgent, 'Edg', 'Edge') ??
    namedVersion(userAgent, 'OPR', 'Opera') ??
    namedVersion(userAgent, 'Firefox', 'Firefox') ??
    namedVersion(userAgent, 'HeadlessChrome', 'Chrome')?.concat(' headless') ??
    namedVersion(userAgent, 'Chrome', 'Chrome') ??
    (/Safari\//.test(userAgent) ? (namedVersion(userAgent, 'Version', 'Safari') ?? 'Safari') : null) ??
    'unknown browser';
  return `${browser} (${systemFromUserAgent(userAgent)})`;
}

function namedVersion(userAgent: string, token: string, name: string): string | null {
  const match = new RegExp(`\\b${token}/(\\d+)`).exec(userAgent);
  return match ? `${name} ${match[1]}` : null;
}

function systemFromUserAgent(userAgent: string): string {
  if (/Android/.test(userAgent)) return 'Android';
  if (/iPhone|iPad|iPod/.test(userAgent)) return 'iOS';
  if (/Windows/.test(userAgent)) return 'Windows';
  if (/Mac OS X|Macintosh/.test(userAgent)) return 'macOS';
  if (/CrOS/.test(userAgent)) return 'ChromeOS';
  if (/Linux/.test(userAgent)) return 'Linux';
  return 'unknown system';
}
