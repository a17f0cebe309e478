import { startWebmailPage } from '@/src/page/webmail-page';
import { WEBMAIL_PAGE_SCRIPT, type WebmailPageModule } from '@/src/page/webmail-page-script';
import { provideLazyScript } from '@/src/page/lazy-script';

// The page features, loaded by the webmail content script when the page first needs them.
export default defineUnlistedScript(() => {
  const module: WebmailPageModule = { startWebmailPage };
  provideLazyScript(WEBMAIL_PAGE_SCRIPT.name, module);
});
