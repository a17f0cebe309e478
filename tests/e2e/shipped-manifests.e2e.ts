import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The four production builds, as `npm test` just made them: the permissions they ask for are exactly the ones
// the README justifies, and nothing else.
const BUILDS = { chrome: 'chrome-mv3', edge: 'edge-mv3', firefox: 'firefox-mv3', safari: 'safari-mv3' } as const;
const HOSTS = ['https://mail.infomaniak.com/*', 'https://ksuite.infomaniak.com/*'];

const manifestOf = (dir: string) =>
  JSON.parse(readFileSync(`.output/${dir}/manifest.json`, 'utf8')) as Record<string, unknown> & {
    permissions?: string[];
    optional_permissions?: string[];
    host_permissions?: string[];
    content_scripts?: { matches: string[]; all_frames?: boolean }[];
    web_accessible_resources?: { resources: string[]; matches: string[] }[];
    icons?: Record<string, string>;
    commands?: Record<string, { suggested_key?: { default?: string }; description?: string }>;
    browser_specific_settings?: { gecko?: { id?: string; data_collection_permissions?: unknown } };
  };

describe.each(Object.entries(BUILDS))('the %s build', (browser, dir) => {
  const manifest = manifestOf(dir);

  it('is Manifest V3 with a translated name and description', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.name).toBe('__MSG_extName__');
    expect(manifest.description).toBe('__MSG_extDescription__');
    expect(manifest.default_locale).toBe('en');
  });

  it('asks for storage, alarms and contextMenus only, notifications optional where the browser has them', () => {
    expect([...(manifest.permissions ?? [])].sort()).toEqual(['alarms', 'contextMenus', 'storage']);
    expect(manifest.optional_permissions ?? []).toEqual(browser === 'safari' ? [] : ['notifications']);
  });

  it('reaches only the two Infomaniak webmail hosts, in every frame', () => {
    expect([...(manifest.host_permissions ?? [])].sort()).toEqual([...HOSTS].sort());
    expect(manifest.content_scripts).toHaveLength(1);
    expect([...manifest.content_scripts![0]!.matches].sort()).toEqual([...HOSTS].sort());
    expect(manifest.content_scripts![0]!.all_frames).toBe(true);
  });

  it('lets only the webmail pages load only the page loader and features, which the content script imports on demand', () => {
    const exposed = manifest.web_accessible_resources ?? [];
    expect(exposed).toHaveLength(1);
    expect(exposed[0]!.resources).toEqual(['webmail-loader.js', 'webmail-page.js']);
    expect([...exposed[0]!.matches].sort()).toEqual([...HOSTS].sort());
  });

  // wxt.config.ts drops WXT's alias of `wxt/browser` to the polyfill for the content script's and the page loader's
  // builds only (a hook into WXT's Vite config): if WXT renames that alias, the hook does nothing and what every
  // webmail tab loads doubles unnoticed.
  // The polyfill's own error text (its source, which minifying keeps) tells where it was bundled.
  it('loads the webmail content script and the page loader without webextension-polyfill, the features with it', () => {
    const polyfill = 'The message port closed before a response was received.';
    expect(readFileSync(`.output/${dir}/content-scripts/webmail.js`, 'utf8')).not.toContain(polyfill);
    expect(readFileSync(`.output/${dir}/webmail-loader.js`, 'utf8')).not.toContain(polyfill);
    expect(readFileSync(`.output/${dir}/webmail-page.js`, 'utf8')).toContain(polyfill);
  });

  // Without the notifications permission (Safari), new-mail alerts are shown by a webmail tab; the other builds have
  // the permission, and leave that listener out of the script every webmail tab loads (src/alerts/in-page.ts).
  it('shows alerts through the webmail page exactly where it has no notifications permission', () => {
    const pageNotify = 'ksuite-companion/alerts-page-notify';
    const script = readFileSync(`.output/${dir}/content-scripts/webmail.js`, 'utf8');
    const withoutPermission = !(manifest.optional_permissions ?? []).includes('notifications');
    expect(withoutPermission).toBe(browser === 'safari');
    if (withoutPermission) expect(script).toContain(pageNotify);
    else expect(script).not.toContain(pageNotify);
  });

  it('offers a keyboard shortcut for each message action, at most four suggested (Chrome drops the rest)', () => {
    const commands = manifest.commands ?? {};
    expect(Object.keys(commands).sort()).toEqual(['run-eml', 'run-headers', 'run-zip']);
    const keys = Object.values(commands).map((command) => command.suggested_key?.default);
    expect(keys.length).toBeLessThanOrEqual(4);
    for (const command of Object.values(commands)) expect(command.description).toMatch(/^__MSG_\w+__$/);
  });

  it('has icons from 16 to 128 px', () => {
    expect(Object.keys(manifest.icons ?? {}).map(Number)).toEqual(expect.arrayContaining([16, 32, 48, 128]));
  });
});

describe('the firefox build', () => {
  it('has a gecko id and declares that it collects no data', () => {
    const gecko = manifestOf(BUILDS.firefox).browser_specific_settings?.gecko;
    expect(gecko?.id).toMatch(/^[^@\s]+@[^@\s]+$/);
    expect(gecko?.data_collection_permissions).toEqual({ required: ['none'] });
  });
});
