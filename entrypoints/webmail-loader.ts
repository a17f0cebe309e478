import { startWebmailPageLoader } from '@/src/page/webmail-page-loader';
import { WEBMAIL_LOADER_SCRIPT, type WebmailLoaderModule } from '@/src/page/webmail-loader-script';
import { provideLazyScript } from '@/src/page/lazy-script';

// The page loader, imported by the webmail content script at the page's first sign of need.
export default defineUnlistedScript(() => {
  const module: WebmailLoaderModule = { startWebmailPageLoader };
  provideLazyScript(WEBMAIL_LOADER_SCRIPT.name, module);
});
