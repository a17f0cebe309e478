import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { inject } from 'vitest';
import { MAIL_URL, TOOLBAR } from '../../e2e/support/fixtures';
import { ReplicaClient } from '../../e2e/support/replica-client';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './launch-firefox';
import { WEBMAIL_SELECTORS } from '../../../src/ksuite/selectors';

/** The replica started by the global setup, and Firefox with the shipped build, signed in to the demo mailbox. */
export async function signedInFirefox(options: { systemAccess?: boolean } = {}): Promise<{
  firefox: FirefoxWithExtension;
  replica: ReplicaClient;
  page: Page;
}> {
  const address = inject('firefoxReplica');
  const replica = new ReplicaClient(address.controlUrl);
  await replica.reset();
  const firefox = await launchFirefoxWithExtension({ proxyPort: address.proxyPort, ...options });
  const page = await firefox.browser.newPage();
  await signInThroughForm(page);
  return { firefox, replica, page };
}

/**
 * Signs in the way a person does: the webmail sends a signed-out browser to the sign-in page, which sends it back
 * once the form is sent. This walks all three Infomaniak hosts through the proxy.
 */
export async function signInThroughForm(page: Page): Promise<void> {
  const { demo } = inject('firefoxReplica');
  await page.goto(`${MAIL_URL}/0`);
  if (new URL(page.url()).hostname !== 'login.infomaniak.com') throw new Error(`not sent to sign in: ${page.url()}`);
  await page.locator('input[name="email"]').fill(demo.email);
  await page.locator('input[name="password"]').fill(demo.password);
  await Promise.all([page.waitForNavigation(), page.locator('button[type="submit"]').click()]);
  await page.waitForSelector(WEBMAIL_SELECTORS.listRow);
}

/** A selector for something inside the toolbar's shadow root (Puppeteer's `>>>` pierces open shadow roots). */
export const inToolbar = (selector: string) => `${TOOLBAR} >>> ${selector}`;

type Scope = Page | Frame;

/** Clicks the message-list row whose text contains `subject`, once the list shows it. */
export async function clickRow(scope: Scope, subject: string): Promise<void> {
  const row = await scope.waitForFunction(
    ({ text, listRow }) => [...document.querySelectorAll(listRow)].find((r) => r.textContent?.includes(text)) ?? null,
    {},
    { text: subject, listRow: WEBMAIL_SELECTORS.listRow },
  );
  const element = row.asElement() as ElementHandle<Element> | null;
  if (!element) throw new Error(`no row for "${subject}"`);
  await element.click();
  await element.dispose();
}

/** Text of the first match, or null while there is none: for `expect.poll`. */
export async function textOf(scope: Scope, selector: string): Promise<string | null> {
  const element = await scope.$(selector);
  if (!element) return null;
  try {
    return await element.evaluate((node) => node.textContent);
  } finally {
    await element.dispose();
  }
}

/** An attribute of the first match, or null while there is none: for `expect.poll`. */
export async function attributeOf(scope: Scope, selector: string, name: string): Promise<string | null> {
  const element = await scope.$(selector);
  if (!element) return null;
  try {
    return await element.evaluate((node, attribute) => node.getAttribute(attribute), name);
  } finally {
    await element.dispose();
  }
}

export async function countOf(scope: Scope, selector: string): Promise<number> {
  const elements = await scope.$$(selector);
  await Promise.all(elements.map((element) => element.dispose()));
  return elements.length;
}
