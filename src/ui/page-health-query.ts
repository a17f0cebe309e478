import { browser } from 'wxt/browser';
import { WEBMAIL_MATCHES } from '../ksuite/hosts';
import { summarisePageHealth, type FrameHealth, type PageHealth } from '../ksuite/page-health';
import { PAGE_HEALTH_PORT } from '../page/page-messages';
import { diagnosticsText } from './page-diagnostics';

/**
 * Asks a tab how the extension sees its page: the frames of the tab (the kSuite shell and the mail app it frames)
 * each answer; their answers are taken together, once the tab's page and each mail frame it shows have answered,
 * or after a short wait. `signal` stops waiting (the asking component went away).
 */
export function askPageHealth(tabId: number, signal?: AbortSignal): Promise<PageHealth> {
  return new Promise((resolve) => {
    const frames: FrameHealth[] = [];
    let done = false;
    let port: ReturnType<typeof browser.tabs.connect> | null = null;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      port?.disconnect();
      resolve(summarisePageHealth(frames));
    };
    const timer = setTimeout(finish, ANSWER_WAIT_MS);
    signal?.addEventListener('abort', finish, { once: true });
    try {
      port = browser.tabs.connect(tabId, { name: PAGE_HEALTH_PORT });
    } catch {
      finish();
      return;
    }
    port.onMessage.addListener((answer: unknown) => {
      if (!isFrameHealth(answer)) return;
      frames.push(answer);
      const top = frames.find((frame) => frame.top);
      if (top && frames.length >= 1 + top.matches.mailAppFrame) finish();
    });
    // No content script in the tab (a tab opened before the extension was installed): the port closes at once.
    port.onDisconnect.addListener(finish);
  });
}

/**
 * The diagnostics of the webmail tab the user last looked at, for a bug report sent from a page of our own (the
 * options): with no webmail tab open, the text says the extension got no answer.
 */
export async function diagnosticsOfWebmailTab(): Promise<string> {
  const tabs = await browser.tabs.query({ url: WEBMAIL_MATCHES });
  const latest = tabs.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
  const health = latest?.id === undefined ? summarisePageHealth([]) : await askPageHealth(latest.id);
  return diagnosticsText(health, { version: browser.runtime.getManifest().version, userAgent: navigator.userAgent });
}

function isFrameHealth(value: unknown): value is FrameHealth {
  const answer = value as Partial<FrameHealth> | null;
  return typeof answer?.urlShape === 'string' && typeof answer.matches === 'object' && answer.matches !== null;
}

/** Long enough for the frames of a busy tab to answer; they answer at once, from the DOM as it is. */
const ANSWER_WAIT_MS = 600;
