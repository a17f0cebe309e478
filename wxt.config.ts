import { defineConfig } from 'wxt';
import type { InlineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { WEBMAIL_PAGE_SCRIPT } from './src/page/webmail-page-script';
import { WEBMAIL_LOADER_SCRIPT } from './src/page/webmail-loader-script';
import { WEBMAIL_MATCHES } from './src/ksuite/hosts';
import { manifestCommands } from './src/shortcuts';

// The manifest is written here once for every browser; WXT adapts it per target (MV3 everywhere, see README).
export default defineConfig({
  srcDir: '.',
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    short_name: '__MSG_extShortName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Least privilege: each permission is explained in the README.
    permissions: ['storage', 'alarms', 'contextMenus'],
    optional_permissions: browser === 'safari' ? [] : ['notifications'],
    host_permissions: WEBMAIL_MATCHES,
    // The page loader and the page features, which the content script imports only once a page needs them
    // (src/page/content-script-at-load.ts, webmail-page-loader.ts).
    web_accessible_resources: [
      {
        resources: [WEBMAIL_LOADER_SCRIPT.file.slice(1), WEBMAIL_PAGE_SCRIPT.file.slice(1)],
        matches: WEBMAIL_MATCHES,
      },
    ],
    action: { default_title: '__MSG_extName__' },
    // A shortcut for each message action; the user can change them in the browser's shortcut settings.
    commands: manifestCommands(),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'ksuite-mail-companion@companion.ksuite-tools',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  vite: () => ({
    plugins: [preact()],
    build: { sourcemap: false },
  }),
  hooks: {
    // The webmail content script runs in every tab and frame of the webmail, and loading webextension-polyfill is
    // most of what it costs beyond WXT's own (README, "Benchmarks"). It and the page loader it imports at the page's
    // first sign of need use only what every browser offers natively (promises in MV3, answers by `sendResponse`:
    // src/runtime-messages.ts), so they get `browser` as WXT gives it without the polyfill: Firefox's own
    // `browser`, Chromium's `chrome`. Every other entrypoint, including the page features, keeps the polyfill.
    'vite:build:extendConfig': (entrypoints, config) => {
      const inWebmailTabs = (entry: { type: string; name: string }) =>
        entry.type === 'content-script' || `/${entry.name}.js` === WEBMAIL_LOADER_SCRIPT.file;
      if (entrypoints.some(inWebmailTabs)) withoutPolyfill(config);
    },
  },
});

/** Drops the alias by which WXT's polyfill module makes `wxt/browser` the polyfill. */
function withoutPolyfill(config: InlineConfig): void {
  const alias = config.resolve?.alias;
  if (Array.isArray(alias)) {
    config.resolve!.alias = alias.filter((entry: { find: unknown }) => entry.find !== 'wxt/browser');
  } else if (alias && 'wxt/browser' in alias) {
    delete (alias as Record<string, string>)['wxt/browser'];
  }
}
