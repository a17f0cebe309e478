import { browser } from 'wxt/browser';
import type { PollRecord } from './poll-record';

/** Asks the background for a mail check now (the popup opening, "Check now", a change in the options). */
export const CHECK_MAIL = 'ksuite-companion/alerts-check';

export interface CheckMailMessage {
  type: typeof CHECK_MAIL;
  /** The user asked: run even while backing off after errors. */
  force: boolean;
}

export function isCheckMailMessage(message: unknown): message is CheckMailMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === CHECK_MAIL;
}

export function requestMailCheck(force: boolean): Promise<PollRecord> {
  const message: CheckMailMessage = { type: CHECK_MAIL, force };
  return browser.runtime.sendMessage(message) as Promise<PollRecord>;
}

/** Sent by the webmail page's content script once the user is on the page (see in-page.ts). */
export const WEBMAIL_OPENED = 'ksuite-companion/alerts-webmail-opened';

export function isWebmailOpenedMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === WEBMAIL_OPENED;
}

export function reportWebmailOpened(): Promise<unknown> {
  return browser.runtime.sendMessage({ type: WEBMAIL_OPENED });
}
