import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

describe('extension pages in English', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension({ replica: inject('replica'), lang: 'en-US' });
  });
  afterAll(() => browser?.close());

  it('the popup opens with the product name, a way to the webmail, the inspector and the settings', async () => {
    const popup = await browser.openExtensionPage('popup.html');
    await expect.poll(() => popup.locator('h1').textContent()).toBe('kSuite Mail companion');
    const buttons = await popup.getByRole('button').allTextContents();
    expect(buttons).toEqual(expect.arrayContaining(['Header inspector', 'Settings']));
    await popup.close();
  });

  it('the popup\'s "Header inspector" opens the inspector page in a tab', async () => {
    const popup = await browser.openExtensionPage('popup.html');
    const opened = browser.context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Header inspector' }).click();
    const inspector = await opened;
    await inspector.waitForLoadState();
    expect(inspector.url()).toBe(browser.extensionUrl('inspector.html'));
    await expect.poll(() => inspector.locator('textarea[data-testid="headers-input"]').count()).toBe(1);
    await inspector.close();
  });

  it('the options page opens and says what data goes where', async () => {
    const options = await browser.openExtensionPage('options.html');
    await expect.poll(() => options.getByTestId('privacy-text').textContent()).toContain('mail.infomaniak.com');
    await options.close();
  });

  it('the inspector page has the headers input', async () => {
    const inspector = await browser.openExtensionPage('inspector.html');
    const input = inspector.locator('textarea[data-testid="headers-input"]');
    await input.fill('Subject: hello');
    await expect.poll(() => input.inputValue()).toBe('Subject: hello');
    expect(await inspector.title()).toBe('Header inspector');
    await inspector.close();
  });
});

describe('extension pages in German', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension({ replica: inject('replica'), lang: 'de' });
  });
  afterAll(() => browser?.close());

  it('the popup speaks German when the browser does', async () => {
    const popup = await browser.openExtensionPage('popup.html');
    await expect.poll(() => popup.locator('h1').textContent()).toBe('kSuite Mail Begleiter');
    expect(await popup.getByRole('button').allTextContents()).toEqual(
      expect.arrayContaining(['Header-Inspektor', 'Einstellungen']),
    );
    await popup.close();
  });
});
