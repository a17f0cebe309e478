import { browser, type Browser } from 'wxt/browser';
import { MAIL_ORIGIN } from '../ksuite/hosts';
import { safeFileName } from '../mail/safe-file-name';
import { EXPECT_SAVE, isSaveTicketRequest, type ExpectSaveMessage } from '../page/save-ticket-messages';

/**
 * The background's part in saving through the kSuite shell (src/page/save-through-shell.ts): it hands out the
 * one-time tickets the shell's content script honours, to our content script in a mail frame, which alone can ask.
 */

/** For the background: answers the mail frames' ticket requests. The listener is added at once, as MV3 needs. */
export function startIssuingSaveTickets(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    if (!isSaveTicketRequest(message)) return undefined;
    return issueTicket(message.fileName, sender);
  });
}

async function issueTicket(fileName: string, sender: Browser.runtime.MessageSender): Promise<string | null> {
  const tabId = sender.tab?.id;
  // Only a frame of the mail host inside a tab asks; the shell is that tab's top frame (frame 0).
  if (sender.id !== browser.runtime.id || tabId === undefined || !sender.frameId || !isMailPage(sender.url)) {
    return null;
  }
  const ticket = crypto.randomUUID();
  // The name came from a content script; it is made safe here, where the shell takes its names from (and where the
  // code for it costs nothing in the content script every webmail frame loads).
  const expect: ExpectSaveMessage = { type: EXPECT_SAVE, ticket, fileName: safeFileName(fileName) };
  // No shell content script in the top frame (another page embeds the mail app, or the extension was updated
  // since the tab loaded): no ticket, and the frame saves the file itself.
  const taken = await browser.tabs.sendMessage(tabId, expect, { frameId: 0 }).catch(() => false);
  return taken === true ? ticket : null;
}

function isMailPage(url: string | undefined): boolean {
  try {
    return url !== undefined && new URL(url).origin === MAIL_ORIGIN;
  } catch {
    return false;
  }
}
