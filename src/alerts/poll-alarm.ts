import { browser } from 'wxt/browser';

export const POLL_ALARM = 'alerts-poll';

/**
 * Makes sure the periodic check alarm exists with the wanted interval. An alarm already there with that period is
 * left alone (re-creating it on every worker start would keep pushing the next check away), and so is a pending
 * one-off alarm of that name: it fires, and the check that follows calls this again.
 */
export async function ensurePollAlarm(intervalSeconds: number): Promise<void> {
  const periodInMinutes = intervalSeconds / 60;
  const alarm = await browser.alarms.get(POLL_ALARM);
  if (alarm && (alarm.periodInMinutes === periodInMinutes || alarm.periodInMinutes === undefined)) return;
  await browser.alarms.create(POLL_ALARM, { periodInMinutes, delayInMinutes: periodInMinutes });
}
