import type { startWebmailPageLoader } from './webmail-page-loader';

/**
 * The page loader is a script of its own (entrypoints/webmail-loader.ts), imported by the content script at the
 * page's first sign of need (content-script-at-load.ts): its path in the extension, and the name it provides the
 * loader under.
 */
export const WEBMAIL_LOADER_SCRIPT = { file: '/webmail-loader.js', name: 'webmail-loader' } as const;

export interface WebmailLoaderModule {
  startWebmailPageLoader: typeof startWebmailPageLoader;
}
