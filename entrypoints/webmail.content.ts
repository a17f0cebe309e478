import { WEBMAIL_MATCHES } from '@/src/ksuite/hosts';
import { startWebmailPage } from '@/src/features/webmail-page';
import { startAlertsInPage } from '@/src/alerts/in-page';

export default defineContentScript({
  matches: WEBMAIL_MATCHES,
  // The kSuite shell shows the mail app in an iframe, so the script must run inside frames too.
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    startWebmailPage(document, ctx.signal);
    startAlertsInPage(ctx.signal);
  },
});
