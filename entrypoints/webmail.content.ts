import { WEBMAIL_MATCHES } from '@/src/ksuite/hosts';
import { startWebmailPageLoader } from '@/src/page/webmail-page-loader';
import { startAlertsInPage } from '@/src/alerts/in-page';
import { isShellTopFrame, startSavingForMailFrames } from '@/src/page/save-through-shell';

export default defineContentScript({
  matches: WEBMAIL_MATCHES,
  // The kSuite shell shows the mail app in an iframe, so the script must run inside frames too.
  allFrames: true,
  runAt: 'document_idle',
  // WXT's window.postMessage at start would reach the webmail's own message listeners; its DOM event suffices.
  noScriptStartedPostMessage: true,
  main(ctx) {
    const reportUserPresent = startAlertsInPage(ctx.signal);
    startWebmailPageLoader(document, ctx.signal, reportUserPresent);
    if (isShellTopFrame()) startSavingForMailFrames(ctx.signal);
  },
});
