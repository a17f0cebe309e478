import { browser } from 'wxt/browser';

/**
 * Code a content script loads only once the page needs it. The script is an extension file the content script
 * imports (it must be a web-accessible resource for that); it runs in the content script's own world, where it
 * hands over what it provides through this registry on that world's global object, which the page cannot see.
 */
const REGISTRY = Symbol.for('ksuite-companion.lazy-scripts');

type Registry = Map<string, unknown>;

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (holder[REGISTRY] ??= new Map());
}

/** Called by the lazily loaded script, as it runs. */
export function provideLazyScript(name: string, value: unknown): void {
  registry().set(name, value);
}

/** Imports `file` (a path in the extension) once and returns what it provided under `name`. */
export async function loadLazyScript<T>(name: string, file: string): Promise<T> {
  if (!registry().has(name)) {
    const url = browser.runtime.getURL(file as Parameters<typeof browser.runtime.getURL>[0]);
    await import(/* @vite-ignore */ url);
  }
  const value = registry().get(name);
  if (value === undefined) throw new Error(`${file} did not provide ${name}`);
  return value as T;
}
