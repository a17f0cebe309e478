import { browser } from 'wxt/browser';

/**
 * The optional personal API token (scope `workspace:mail`), for people who want alerts without keeping a webmail
 * session. It stays in the extension's local storage (never sync) and is only ever sent to the mail host, which
 * KsuiteApiClient enforces. Kept apart from the settings so that code reading preferences never handles it.
 */
export const API_TOKEN_KEY = 'apiToken';

export async function getApiToken(): Promise<string | null> {
  const stored = await browser.storage.local.get(API_TOKEN_KEY);
  const token = stored[API_TOKEN_KEY];
  return typeof token === 'string' && token !== '' ? token : null;
}

/** Stores a pasted token; surrounding whitespace from the copy is dropped. Returns false for an unusable value. */
export async function setApiToken(input: string): Promise<boolean> {
  const token = input.trim();
  if (!isPlausibleToken(token)) return false;
  await browser.storage.local.set({ [API_TOKEN_KEY]: token });
  return true;
}

export async function removeApiToken(): Promise<void> {
  await browser.storage.local.remove(API_TOKEN_KEY);
}

export function watchApiToken(listener: (token: string | null) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[API_TOKEN_KEY];
    if (area !== 'local' || !change) return;
    listener(typeof change.newValue === 'string' && change.newValue !== '' ? change.newValue : null);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

/** A header value must not carry spaces or control characters; anything else is for the server to judge. */
export function isPlausibleToken(token: string): boolean {
  return /^[\x21-\x7e]{8,512}$/.test(token);
}

/** What the options page shows of a saved token: enough to recognise it, not enough to reuse it. */
export function maskToken(token: string): string {
  return `••••••••${token.slice(-4)}`;
}
