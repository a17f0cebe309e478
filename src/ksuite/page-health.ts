import { KSUITE_HOST, MAIL_HOST } from './hosts';
import { WEBMAIL_SELECTORS } from './selectors';
import { messageRefFromUrl } from './webmail-urls';

/**
 * Whether the extension recognises a webmail page: which of its selectors match, counted on demand when the popup
 * asks (nothing is watched for it). Only counts and the URL's shape leave the page: no uid, folder id, address or
 * subject.
 */

/** The selectors whose matches tell whether the page is what the extension expects. */
export const HEALTH_SELECTORS = [
  'openedMessage',
  'openedMessageFooter',
  'threadToolbar',
  'listRow',
  'selectedListRow',
  'mailAppFrame',
] as const satisfies readonly (keyof typeof WEBMAIL_SELECTORS)[];

export type HealthSelector = (typeof HEALTH_SELECTORS)[number];

/** What one frame of the webmail tab sees of itself. */
export interface FrameHealth {
  /** The kSuite shell, the mail app's own host, or another page the content script runs on. */
  host: 'ksuite-shell' | 'mail' | 'other';
  /** The tab's page itself, not a frame in it. */
  top: boolean;
  /** The URL without anything that names a mailbox, folder or message (see urlShape). */
  urlShape: string;
  /** The URL names an opened message. */
  messageUrl: boolean;
  matches: Record<HealthSelector, number>;
}

export function readFrameHealth(doc: Document, top: boolean): FrameHealth {
  const href = doc.location.href;
  const matches = {} as Record<HealthSelector, number>;
  for (const name of HEALTH_SELECTORS) matches[name] = doc.querySelectorAll(WEBMAIL_SELECTORS[name]).length;
  return { host: hostKind(href), top, urlShape: urlShape(href), messageUrl: messageRefFromUrl(href) !== null, matches };
}

function hostKind(href: string): FrameHealth['host'] {
  const host = hostOf(href);
  return host === KSUITE_HOST ? 'ksuite-shell' : host === MAIL_HOST ? 'mail' : 'other';
}

function hostOf(href: string): string | null {
  try {
    return new URL(href).hostname;
  } catch {
    return null;
  }
}

/**
 * A URL with its ids taken out, for a bug report: host and path, each path segment that is not a plain lowercase
 * word replaced (`{n}` for a number, `{id}` for anything else: folder ids, uids, addresses), matrix and query
 * parameters by name only, no fragment. `https://mail.infomaniak.com/0;fid=eJzz…` → `mail.infomaniak.com/{n};fid={id}`.
 */
export function urlShape(href: string): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return '{unreadable}';
  }
  const path = url.pathname
    .split('/')
    .map((segment) => {
      const [name = '', ...parameters] = segment.split(';');
      const shown = [pathWord(name), ...parameters.map((p) => `${pathWord(p.split('=')[0] ?? '')}={id}`)];
      return shown.join(';');
    })
    .join('/');
  const query = [...new Set(url.searchParams.keys())].map((key) => `${pathWord(key)}={…}`).join('&');
  return `${url.host}${path}${query ? `?${query}` : ''}${url.hash ? '#{…}' : ''}`;
}

function pathWord(segment: string): string {
  if (segment === '') return '';
  if (/^\d+$/.test(segment)) return '{n}';
  // Words of the webmail's routes (`folder`, `thread`, `settings`, `ksuite-mode`); ids are not all lowercase.
  return /^[a-z]+(?:[-_][a-z]+)*$/.test(segment) && segment.length <= 24 ? segment : '{id}';
}

/** What the page is, as far as the extension can tell without reading anything personal. */
export type PageView = 'message' | 'list' | 'settings' | 'unrecognised' | 'no-answer';

export interface PageHealth {
  /** Where the webmail runs: the kSuite shell (which frames the mail app) or the mail host itself. */
  host: 'ksuite-shell' | 'mail' | 'other' | 'unknown';
  view: PageView;
  /** Every anchor the extension expects on this kind of page is there. */
  ready: boolean;
  /** Matches per selector, over all frames that answered. */
  matches: Record<HealthSelector, number>;
  /** One URL shape per frame that answered, the tab's page first. */
  urlShapes: string[];
}

/**
 * The frames' answers taken together (the kSuite shell's page and the mail app in its frame answer separately).
 * An opened message needs its footer or the thread toolbar for the in-page toolbar; the list needs rows; a page
 * where nothing is recognised looks different.
 */
export function summarisePageHealth(frames: readonly FrameHealth[]): PageHealth {
  const matches = Object.fromEntries(HEALTH_SELECTORS.map((name) => [name, 0])) as Record<HealthSelector, number>;
  for (const frame of frames) for (const name of HEALTH_SELECTORS) matches[name] += frame.matches[name];
  const ordered = [...frames].sort((a, b) => Number(b.top) - Number(a.top));
  const host = ordered[0]?.host ?? 'unknown';
  const urlShapes = ordered.map((frame) => frame.urlShape);
  if (frames.length === 0) return { host, view: 'no-answer', ready: false, matches, urlShapes };

  const messageOpen = matches.openedMessage > 0 || frames.some((frame) => frame.messageUrl);
  if (messageOpen) {
    const anchored = matches.openedMessage > 0 && (matches.openedMessageFooter > 0 || matches.threadToolbar > 0);
    return { host, view: 'message', ready: anchored, matches, urlShapes };
  }
  if (matches.listRow > 0) return { host, view: 'list', ready: true, matches, urlShapes };
  // Settings pages (`/{n}/settings/…`) have nothing for the extension to find.
  if (frames.some((frame) => frame.host === 'mail' && /^[^/]+\/\{n\}\/settings(?:\/|$)/.test(frame.urlShape))) {
    return { host, view: 'settings', ready: true, matches, urlShapes };
  }
  return { host, view: 'unrecognised', ready: false, matches, urlShapes };
}
