import { browser } from 'wxt/browser';
import { t } from '../i18n';
import type { PollRecord } from './poll-record';

export interface BadgeView {
  text: string;
  color: string;
  title: string;
}

const UNREAD_COLOR = '#0098ff';
/** Grey says "we do not know", which is the truth when signed out. */
const SIGNED_OUT_COLOR = '#8a919c';

/** What the toolbar icon says: the unread count, or a grey "?" when signed out; the tooltip says why. */
export function badgeFor(
  record: PollRecord,
  pausedUntil: number | null,
  formatTime: (ms: number) => string,
): BadgeView {
  const lines = [t('extName')];
  let text = record.unread > 999 ? '999+' : record.unread > 0 ? String(record.unread) : '';
  let color = UNREAD_COLOR;
  if (record.status === 'signed_out') {
    text = '?';
    color = SIGNED_OUT_COLOR;
    lines.push(t(record.withToken ? 'alerts_statusTokenRefused' : 'alerts_statusSignedOut'));
  } else if (record.status === 'error') {
    lines.push(t('alerts_statusCheckFailed'));
  } else if (record.status === 'ok') {
    lines.push(record.unread > 0 ? t('alerts_unreadCount', String(record.unread)) : t('alerts_noUnread'));
  }
  if (pausedUntil !== null) lines.push(t('alerts_pausedUntil', formatTime(pausedUntil)));
  return { text, color, title: lines.join('\n') };
}

export async function showBadge(view: BadgeView): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ text: view.text }),
    browser.action.setBadgeBackgroundColor({ color: view.color }),
    browser.action.setTitle({ title: view.title }),
  ]);
  try {
    await browser.action.setBadgeTextColor?.({ color: '#ffffff' });
  } catch {
    // Not every browser lets the text colour be set (older Safari); white on our colours is the default elsewhere.
  }
}

export function formatClockTime(ms: number): string {
  return new Date(ms).toLocaleString(browser.i18n.getUILanguage(), {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}
