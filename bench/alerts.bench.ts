/**
 * New-mail alerts in the shipped build (Chromium, notifications granted through the profile) against the replica:
 *
 * - alerts.idle_poll_requests / alerts.idle_poll_bytes: what one scheduled check costs when nothing changed,
 *   read from the replica's request log. Goal: 1 request, at most 2 KB.
 * - alerts.notification_latency_max / _mean: from a delivery to its notification, over 20 deliveries spread over
 *   one check interval (30 s, the shortest the options offer), with the browser's own alarm doing the
 *   checks. Goal: at most the interval + 2 s; the baseline is the interval.
 *
 * Needs a production build (`npm run build`).
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchWithNotificationsGranted } from '../tests/e2e/support/granted-profile';
import { startReplica } from '../tests/replica/index';
import type { BenchResult } from './types';

const BUILD = '.output/chrome-mv3';
const INTERVAL_SECONDS = 30;
const IDLE_CHECKS = 5;
const DELIVERIES = 20;
/** Deliveries spread over one interval, so they land at every phase of the check cycle. */
const DELIVERY_SPACING_MS = (INTERVAL_SECONDS * 1000) / DELIVERIES;
const IDLE_BYTES_GOAL = 2048;

interface PollRecordView {
  status: string;
  attemptedAt: number;
}

declare const chrome: {
  alarms: { create(name: string, info: { when: number }): Promise<void> };
  notifications: { getAll(): Promise<Record<string, boolean>> };
  storage: {
    local: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error('alerts bench: timed out waiting for the extension');
    await sleep(50);
  }
}

const pollRecord = (page: Page) =>
  page.evaluate(
    async () => (await chrome.storage.local.get('alerts.poll'))['alerts.poll'] as PollRecordView | undefined,
  );

/**
 * One check now, through the extension's own alarm; resolves when it has talked to the server. The extension may
 * re-create its periodic alarm of the same name just after this one-off was set (it looked before, found none, then
 * created its own), which replaces the one-off; so the one-off is set again if no check follows within 5 s.
 */
async function scheduledCheck(page: Page): Promise<PollRecordView> {
  const since = await page.evaluate(() => Date.now());
  for (let attempt = 0; ; attempt++) {
    await page.evaluate(() => chrome.alarms.create('alerts-poll', { when: Date.now() }));
    try {
      return (await until(
        () => pollRecord(page),
        (r) => (r?.attemptedAt ?? 0) >= since,
        5_000,
      )) as PollRecordView;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** Which delivered uids each notification stands for (a burst is one grouped notification). */
async function announcedUids(page: Page): Promise<Set<string>> {
  return page
    .evaluate(async () => {
      const ids = Object.keys(await chrome.notifications.getAll());
      const targets = ((await chrome.storage.local.get('alerts.notificationTargets'))['alerts.notificationTargets'] ??
        {}) as Record<string, { messages: { uid: string }[] }>;
      return ids.flatMap((id) => targets[id]?.messages.map((m) => m.uid) ?? []);
    })
    .then((uids) => new Set(uids));
}

export default async function run(): Promise<BenchResult[]> {
  if (!existsSync(`${BUILD}/manifest.json`)) throw new Error('alerts bench: no production build, run `npm run build`');
  const replica = await startReplica();
  const browser = await launchWithNotificationsGranted({ replica, extensionDir: BUILD });
  try {
    await browser.context.addCookies([replica.control.issueSessionCookie()]);
    const { page } = browser;
    await page.evaluate(
      (seconds) => chrome.storage.local.set({ settings: { pollIntervalSeconds: seconds } }),
      INTERVAL_SECONDS,
    );
    const first = await scheduledCheck(page);
    if (first.status !== 'ok') throw new Error(`alerts bench: first check ended ${first.status}`);

    replica.control.clearRequestLog();
    for (let i = 0; i < IDLE_CHECKS; i++) await scheduledCheck(page);
    const idle = await until(
      async () => replica.control.requestLog().filter((r) => r.path.startsWith('/api/')),
      (log) => log.length >= IDLE_CHECKS,
      5000,
    );
    const idleRequests = idle.length / IDLE_CHECKS;
    const idleBytes = idle.reduce((sum, r) => sum + r.bytes, 0) / IDLE_CHECKS;

    // From here on only the browser's periodic alarm checks, as in real use.
    const deliveredAt = new Map<string, number>();
    const latencies: number[] = [];
    let watching = true;
    const watch = (async () => {
      while (watching && latencies.length < DELIVERIES) {
        const uids = await announcedUids(page);
        const now = Date.now();
        for (const [uid, at] of deliveredAt) {
          if (uids.has(uid)) {
            latencies.push(now - at);
            deliveredAt.delete(uid);
          }
        }
        await sleep(100);
      }
    })();
    for (let i = 0; i < DELIVERIES; i++) {
      const at = Date.now();
      const { uid } = replica.control.deliver({
        raw: { from: `Bench ${i} <bench${i}@example.net>`, subject: `Bench ${i}`, text: '.' },
      });
      deliveredAt.set(uid, at);
      await sleep(DELIVERY_SPACING_MS);
    }
    // Every delivery is announced within an interval and a bit, or never.
    await Promise.race([watch, sleep((INTERVAL_SECONDS + 15) * 1000)]);
    watching = false;
    if (latencies.length < DELIVERIES) {
      throw new Error(`alerts bench: ${DELIVERIES - latencies.length} deliveries never got a notification`);
    }

    const intervalMs = INTERVAL_SECONDS * 1000;
    const max = Math.max(...latencies);
    const mean = latencies.reduce((sum, ms) => sum + ms, 0) / latencies.length;
    return [
      { name: 'alerts.idle_poll_requests', value: idleRequests, unit: 'requests', baseline: 1, ratio: idleRequests },
      {
        name: 'alerts.idle_poll_bytes',
        value: idleBytes,
        unit: 'B',
        baseline: IDLE_BYTES_GOAL,
        ratio: idleBytes / IDLE_BYTES_GOAL,
      },
      {
        name: 'alerts.notification_latency_max',
        value: max,
        unit: 'ms',
        baseline: intervalMs,
        ratio: max / intervalMs,
      },
      {
        name: 'alerts.notification_latency_mean',
        value: mean,
        unit: 'ms',
        baseline: intervalMs,
        ratio: mean / intervalMs,
      },
    ];
  } finally {
    await browser.dispose();
    await replica.close();
  }
}
