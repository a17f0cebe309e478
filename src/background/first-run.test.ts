import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { testBrowser } from '../../tests/support/fake-browser';
import { setSettings } from '../settings';
import { onExtensionInstalled } from './first-run';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../tests/support/fake-browser')).testBrowser.browser,
}));

const { browser } = testBrowser;
let create: MockInstance<typeof browser.tabs.create>;
beforeEach(() => {
  testBrowser.reset();
  create = vi.spyOn(browser.tabs, 'create');
});
afterEach(() => create.mockRestore());

describe('first run', () => {
  it('opens the welcome page, in front, when the extension is installed', async () => {
    await onExtensionInstalled({ reason: 'install' });
    expect(create.mock.calls).toEqual([[{ url: 'chrome-extension://test-extension-id/welcome.html' }]]);
  });
});

describe('after an update', () => {
  // 0.1.0 has notes (release-notes.ts); 0.1.1 and 0.1.2 none.
  it('opens "what\'s new" from the previous version, in a background tab', async () => {
    testBrowser.installedVersion('0.1.0');
    await onExtensionInstalled({ reason: 'update', previousVersion: '0.0.9' });
    expect(create.mock.calls).toEqual([
      [{ url: 'chrome-extension://test-extension-id/welcome.html?updatedFrom=0.0.9', active: false }],
    ]);
  });

  it('opens nothing when the user turned "what\'s new" off', async () => {
    testBrowser.installedVersion('0.1.0');
    await setSettings({ showWhatsNew: false });
    await onExtensionInstalled({ reason: 'update', previousVersion: '0.0.9' });
    expect(create).not.toHaveBeenCalled();
  });

  it('opens nothing for the same version reloaded, a version without news, or a browser update', async () => {
    testBrowser.installedVersion('0.1.0');
    await onExtensionInstalled({ reason: 'update', previousVersion: '0.1.0' });
    testBrowser.installedVersion('0.1.2');
    await onExtensionInstalled({ reason: 'update', previousVersion: '0.1.1' });
    await onExtensionInstalled({ reason: 'chrome_update' });
    expect(create).not.toHaveBeenCalled();
  });
});
