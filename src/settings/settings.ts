import { browser } from 'wxt/browser';

/** How an "all attachments" zip is laid out: one folder per message, or every file at the top. */
export type BulkLayout = 'folder-per-message' | 'flat';
/** A message attached to a message: kept as an .eml file, or its own attachments taken out. */
export type NestedMessages = 'eml' | 'expand';

/** Local wall-clock times `HH:MM`; `end` before `start` means the quiet time runs past midnight. */
export interface QuietHours {
  enabled: boolean;
  start: string;
  end: string;
}

/**
 * Folder ids to watch, per mailbox uuid. A mailbox that is not listed is watched through its INBOX, so that a
 * mailbox added later is covered without the user coming back here; an empty list means "not watched".
 */
export type WatchedFolders = Record<string, string[]>;

export interface Settings {
  /** New-mail alerts (notifications); the unread badge is kept up to date either way. */
  alertsEnabled: boolean;
  pollIntervalSeconds: number;
  watchedFolders: WatchedFolders;
  quietHours: QuietHours;
  useServerArchive: boolean;
  zipLayout: BulkLayout;
  includeInlineImages: boolean;
  nestedMessages: NestedMessages;
  /** Saved files' names start with the message date: `2026-11-04 – subject.zip`. */
  fileNamesWithDate: boolean;
  /** After an update that brings something new, a short "what's new" page opens once. */
  showWhatsNew: boolean;
}

/** Browsers fire alarms at most every 30 s (Chrome enforces it for published extensions). */
export const MIN_POLL_INTERVAL_SECONDS = 30;
export const MAX_POLL_INTERVAL_SECONDS = 60 * 60;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  alertsEnabled: true,
  pollIntervalSeconds: 60,
  watchedFolders: {},
  quietHours: { enabled: false, start: '22:00', end: '07:00' },
  useServerArchive: true,
  zipLayout: 'folder-per-message',
  includeInlineImages: false,
  nestedMessages: 'eml',
  fileNamesWithDate: true,
  showWhatsNew: true,
});

/** Where the user's choices live; only what differs from a default is meaningful, the rest is filled in on read. */
export const SETTINGS_KEY = 'settings';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Settings from whatever storage holds: missing or malformed values (an older version, a hand edit, a sync
 * glitch) fall back to their default one by one instead of breaking the whole object.
 */
export function normaliseSettings(stored: unknown): Settings {
  const raw = isRecord(stored) ? stored : {};
  const d = DEFAULT_SETTINGS;
  const quiet = isRecord(raw.quietHours) ? raw.quietHours : {};
  return {
    alertsEnabled: typeof raw.alertsEnabled === 'boolean' ? raw.alertsEnabled : d.alertsEnabled,
    pollIntervalSeconds: clampInterval(raw.pollIntervalSeconds),
    watchedFolders: watchedFoldersFrom(raw.watchedFolders),
    quietHours: {
      enabled: typeof quiet.enabled === 'boolean' ? quiet.enabled : d.quietHours.enabled,
      start: typeof quiet.start === 'string' && TIME.test(quiet.start) ? quiet.start : d.quietHours.start,
      end: typeof quiet.end === 'string' && TIME.test(quiet.end) ? quiet.end : d.quietHours.end,
    },
    useServerArchive: typeof raw.useServerArchive === 'boolean' ? raw.useServerArchive : d.useServerArchive,
    zipLayout: raw.zipLayout === 'flat' || raw.zipLayout === 'folder-per-message' ? raw.zipLayout : d.zipLayout,
    includeInlineImages: typeof raw.includeInlineImages === 'boolean' ? raw.includeInlineImages : d.includeInlineImages,
    nestedMessages:
      raw.nestedMessages === 'expand' || raw.nestedMessages === 'eml' ? raw.nestedMessages : d.nestedMessages,
    fileNamesWithDate: typeof raw.fileNamesWithDate === 'boolean' ? raw.fileNamesWithDate : d.fileNamesWithDate,
    showWhatsNew: typeof raw.showWhatsNew === 'boolean' ? raw.showWhatsNew : d.showWhatsNew,
  };
}

function clampInterval(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_SETTINGS.pollIntervalSeconds;
  return Math.min(MAX_POLL_INTERVAL_SECONDS, Math.max(MIN_POLL_INTERVAL_SECONDS, Math.round(value)));
}

function watchedFoldersFrom(value: unknown): WatchedFolders {
  if (!isRecord(value)) return {};
  const out: WatchedFolders = {};
  for (const [mailboxUuid, ids] of Object.entries(value)) {
    if (Array.isArray(ids)) out[mailboxUuid] = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function getSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return normaliseSettings(stored[SETTINGS_KEY]);
}

export async function getSetting<K extends keyof Settings>(key: K): Promise<Settings[K]> {
  return (await getSettings())[key];
}

/** Saves `patch` over the current settings and returns the result, normalised as every reader will see it. */
export async function setSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = normaliseSettings({ ...(await getSettings()), ...patch });
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

/** Calls `listener` whenever the settings change, in any extension page or the background. Returns an unsubscribe. */
export function watchSettings(listener: (settings: Settings, previous: Settings) => void): () => void {
  const onChanged = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => {
    const change = changes[SETTINGS_KEY];
    if (area !== 'local' || !change) return;
    listener(normaliseSettings(change.newValue), normaliseSettings(change.oldValue));
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
