import { browser } from 'wxt/browser';
import { pauseEndForAnHour, pauseEndUntilTomorrow } from './quiet-time';

/** Alerts paused until this time (epoch ms); the badge keeps counting meanwhile. */
export const PAUSED_UNTIL_KEY = 'alerts.pausedUntil';

export type PauseChoice = 'hour' | 'tomorrow';

export async function pausedUntil(now = Date.now()): Promise<number | null> {
  const until = (await browser.storage.local.get(PAUSED_UNTIL_KEY))[PAUSED_UNTIL_KEY];
  return typeof until === 'number' && until > now ? until : null;
}

export async function pauseAlerts(choice: PauseChoice, now = new Date()): Promise<number> {
  const until = choice === 'hour' ? pauseEndForAnHour(now) : pauseEndUntilTomorrow(now);
  await browser.storage.local.set({ [PAUSED_UNTIL_KEY]: until });
  return until;
}

export async function resumeAlerts(): Promise<void> {
  await browser.storage.local.remove(PAUSED_UNTIL_KEY);
}

/** Calls `listener` with the new pause end (null: not paused) whenever it changes. */
export function watchPause(listener: (until: number | null) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[PAUSED_UNTIL_KEY];
    if (area !== 'local' || !change) return;
    listener(typeof change.newValue === 'number' && change.newValue > Date.now() ? change.newValue : null);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
