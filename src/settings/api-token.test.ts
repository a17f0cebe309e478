import { beforeEach, describe, expect, it, vi } from 'vitest';
import { testBrowser } from '../../tests/support/fake-browser';
import { getApiToken, maskToken, removeApiToken, setApiToken, watchApiToken } from './api-token';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../tests/support/fake-browser')).testBrowser.browser,
}));

beforeEach(() => testBrowser.reset());

describe('the personal API token', () => {
  it('is absent by default, saved without the whitespace of a copy, and removable', async () => {
    expect(await getApiToken()).toBeNull();
    expect(await setApiToken('  abcdefgh1234\n')).toBe(true);
    expect(await getApiToken()).toBe('abcdefgh1234');
    expect((await testBrowser.browser.storage.local.get('apiToken')).apiToken).toBe('abcdefgh1234');
    await removeApiToken();
    expect(await getApiToken()).toBeNull();
  });

  it('refuses values that cannot be a token', async () => {
    for (const bad of ['', 'short', 'has a space', 'line\nbreak inside']) expect(await setApiToken(bad)).toBe(false);
    expect(await getApiToken()).toBeNull();
  });

  it('is shown masked, with only its last four characters', () => {
    expect(maskToken('secret-token-4711')).toBe('••••••••4711');
  });

  it('reports changes to watchers', async () => {
    const seen: (string | null)[] = [];
    watchApiToken((token) => seen.push(token));
    await setApiToken('abcdefgh1234');
    await removeApiToken();
    await vi.waitFor(() => expect(seen).toEqual(['abcdefgh1234', null]));
  });
});
