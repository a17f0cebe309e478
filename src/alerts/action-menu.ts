import { browser } from 'wxt/browser';
import { t } from '../i18n';
import { pauseAlerts, resumeAlerts } from './pause';

/** The toolbar icon's right-click menu: pause and resume alerts without opening anything. */
const MENU = {
  pauseHour: 'alerts-pause-hour',
  pauseTomorrow: 'alerts-pause-tomorrow',
  resume: 'alerts-resume',
} as const;

type Menus = typeof browser.contextMenus;

function menus(): Menus | null {
  return (browser as { contextMenus?: Menus }).contextMenus ?? null;
}

/** Created on install and update; menus persist, so each item is replaced rather than created twice. */
export async function createActionMenu(paused: boolean): Promise<void> {
  const api = menus();
  if (!api) return;
  const items: { id: string; title: string; enabled?: boolean }[] = [
    { id: MENU.pauseHour, title: t('alerts_pauseHour') },
    { id: MENU.pauseTomorrow, title: t('alerts_pauseTomorrow') },
    { id: MENU.resume, title: t('alerts_resume'), enabled: paused },
  ];
  for (const item of items) {
    try {
      await api.remove(item.id).catch(() => undefined);
      await new Promise<void>((resolve) => api.create({ ...item, contexts: ['action'] }, () => resolve()));
    } catch {
      // A browser without menus on the toolbar icon: the popup offers the same.
    }
  }
}

export function updateActionMenu(paused: boolean): void {
  void menus()
    ?.update(MENU.resume, { enabled: paused })
    .catch(() => undefined);
}

/** Handles a click on one of our items; false for any other item (other features share the listener). */
export function handleActionMenuClick(menuItemId: string | number): boolean {
  if (menuItemId === MENU.pauseHour) void pauseAlerts('hour');
  else if (menuItemId === MENU.pauseTomorrow) void pauseAlerts('tomorrow');
  else if (menuItemId === MENU.resume) void resumeAlerts();
  else return false;
  return true;
}
