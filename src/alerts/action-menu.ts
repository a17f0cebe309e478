import { t } from '../i18n';
import { menusApi, replaceMenuItem } from '../menu-items';
import { pauseAlerts, resumeAlerts } from './pause';

/** The toolbar icon's right-click menu: pause and resume alerts without opening anything. */
const MENU = {
  pauseHour: 'alerts-pause-hour',
  pauseTomorrow: 'alerts-pause-tomorrow',
  resume: 'alerts-resume',
} as const;

/** Created on install and update; menus persist, so each item is replaced rather than created twice. */
export async function createActionMenu(paused: boolean): Promise<void> {
  const items: { id: string; title: string; enabled?: boolean }[] = [
    { id: MENU.pauseHour, title: t('alerts_pauseHour') },
    { id: MENU.pauseTomorrow, title: t('alerts_pauseTomorrow') },
    { id: MENU.resume, title: t('alerts_resume'), enabled: paused },
  ];
  for (const item of items) {
    try {
      await replaceMenuItem({ ...item, contexts: ['action'] });
    } catch {
      // A browser without menus on the toolbar icon: the popup offers the same.
    }
  }
}

export function updateActionMenu(paused: boolean): void {
  void menusApi()
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
