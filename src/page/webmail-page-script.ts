import type { startWebmailPage } from './webmail-page';

/**
 * The page features are a script of their own (entrypoints/webmail-page.ts), loaded by the content script when the
 * page first needs them: its path in the extension, and the name it provides them under.
 */
export const WEBMAIL_PAGE_SCRIPT = { file: '/webmail-page.js', name: 'webmail-page' } as const;

export interface WebmailPageModule {
  startWebmailPage: typeof startWebmailPage;
}
