import { WEBMAIL_MATCHES } from '@/src/ksuite/hosts';
import { listenAtLoad } from '@/src/page/content-script-at-load';
import { startAlertsInPage } from '@/src/alerts/in-page';

export default defineContentScript({
  matches: WEBMAIL_MATCHES,
  // The kSuite shell shows the mail app in an iframe, so the script must run inside frames too.
  allFrames: true,
  runAt: 'document_idle',
  // WXT's window.postMessage at start would reach the webmail's own message listeners; its DOM event suffices.
  noScriptStartedPostMessage: true,
  main(ctx) {
    startAlertsInPage(ctx.signal);
    listenAtLoad(document, ctx.signal);
  },
});
