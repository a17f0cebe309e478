import { browser, type Browser } from 'wxt/browser';

type Menus = typeof browser.contextMenus;

/** The browser's menus API, or null where it has none (Safari on iOS): menus are a convenience, never the only way. */
export function menusApi(): Menus | null {
  return (browser as { contextMenus?: Menus }).contextMenus ?? null;
}

/**
 * Creates a menu item, replacing one of the same id. Menus persist across updates and creating an existing id is
 * an error, so every item the extension creates at install or update goes through here.
 */
export async function replaceMenuItem(properties: Browser.contextMenus.CreateProperties): Promise<void> {
  const api = menusApi();
  if (!api) return;
  await api.remove(properties.id!).catch(() => undefined);
  await new Promise<void>((resolve) => api.create(properties, () => resolve()));
}
