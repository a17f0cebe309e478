import { browser, type Browser } from 'wxt/browser';
import { getSetting } from '../settings';
import { releaseNotesSince, WELCOME_PAGE, whatsNewPath } from '../ui/welcome/release-notes';

/** For the background: the welcome page after install, "what's new" after an update that brings something new. */
export function startFirstRun(): void {
  browser.runtime.onInstalled.addListener((details) => void onExtensionInstalled(details));
}

export async function onExtensionInstalled(details: Browser.runtime.InstalledDetails): Promise<void> {
  if (details.reason === 'install') {
    await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) });
    return;
  }
  // Also fired when the browser updates, and when a developer reloads the same version: nothing new for the user.
  const previous = details.previousVersion;
  if (details.reason !== 'update' || !previous) return;
  if (releaseNotesSince(previous, browser.runtime.getManifest().version).length === 0) return;
  if (!(await getSetting('showWhatsNew'))) return;
  await browser.tabs.create({ url: browser.runtime.getURL(whatsNewPath(previous)), active: false });
}
