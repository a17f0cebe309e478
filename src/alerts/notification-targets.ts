import { browser } from 'wxt/browser';
import type { NotificationTarget } from './alert-notifications';

/** Targets of the notifications on screen, by notification id; bounded, since a dismissed one may never report. */
export const NOTIFICATION_TARGETS_KEY = 'alerts.notificationTargets';
const KEEP_AT_MOST = 100;

type Targets = Record<string, NotificationTarget & { at: number }>;

async function load(): Promise<Targets> {
  const stored = (await browser.storage.local.get(NOTIFICATION_TARGETS_KEY))[NOTIFICATION_TARGETS_KEY];
  return typeof stored === 'object' && stored !== null ? (stored as Targets) : {};
}

export async function rememberTargets(entries: readonly { id: string; target: NotificationTarget }[], now: number) {
  const targets = await load();
  for (const { id, target } of entries) targets[id] = { ...target, at: now };
  const kept = Object.entries(targets)
    .sort((a, b) => a[1].at - b[1].at)
    .slice(-KEEP_AT_MOST);
  await browser.storage.local.set({ [NOTIFICATION_TARGETS_KEY]: Object.fromEntries(kept) });
}

export async function targetOf(id: string): Promise<NotificationTarget | null> {
  return (await load())[id] ?? null;
}

export async function forgetTargets(ids: readonly string[]): Promise<void> {
  const targets = await load();
  let changed = false;
  for (const id of ids) {
    if (id in targets) {
      delete targets[id];
      changed = true;
    }
  }
  if (changed) await browser.storage.local.set({ [NOTIFICATION_TARGETS_KEY]: targets });
}
