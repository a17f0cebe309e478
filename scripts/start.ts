/**
 * `npm start`: the product in a minute, without an Infomaniak account. Builds the extension, starts the local
 * kSuite Mail replica, and opens Chromium with the build loaded, signed in to the replica's demo mailbox, on an
 * opened message. With no display it takes a screenshot instead and says where it is.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startReplica } from '../tests/replica/index';
import { launchWithExtension } from '../tests/e2e/support/launch';

const SCREENSHOT = resolve('tests/.artifacts/start.png');
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

console.log('Building the extension (production build for Chromium)…');
const build = spawnSync('npx', ['wxt', 'build', '-b', 'chrome'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const replica = await startReplica();
const browser = await launchWithExtension({ replica, headless: !hasDisplay });
await browser.context.addCookies([replica.control.issueSessionCookie()]);

const page = browser.context.pages()[0] ?? (await browser.context.newPage());
await page.goto(`${replica.origins.ksuite}/all/mail/0`);
const mail = page.frameLocator('iframe');
await mail.locator('[data-thread-uid]').first().click();
await mail.locator('ksuite-companion[data-ksuite-companion="toolbar"]').first().waitFor();

console.log(`
kSuite Mail replica with the extension loaded (demo mailbox ${replica.demo.email}, password "${replica.demo.password}").
  webmail:  ${replica.origins.ksuite}/all/mail/0  (and ${replica.origins.mail}/0)
  control:  ${replica.controlUrl}  (deliver mail, expire the session, inject faults)`);

if (!hasDisplay) {
  mkdirSync('tests/.artifacts', { recursive: true });
  await page.screenshot({ path: SCREENSHOT });
  console.log(`
No display found (DISPLAY is not set), so no window can be shown.
A screenshot of the webmail with the extension on an opened message is at:
  ${SCREENSHOT}`);
  await browser.close();
  await replica.close();
} else {
  console.log('\nClose the browser window or press Ctrl-C to stop.');
  const stop = async () => {
    await browser.close().catch(() => {});
    await replica.close();
    process.exit(0);
  };
  browser.context.on('close', () => void stop());
  process.on('SIGINT', () => void stop());
}
