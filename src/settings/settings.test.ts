import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, getSetting, getSettings, normaliseSettings, setSettings, watchSettings } from './settings';
import { testBrowser } from '../../tests/support/fake-browser';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../tests/support/fake-browser')).testBrowser.browser,
}));

beforeEach(() => testBrowser.reset());

describe('settings', () => {
  it('default to alerts on, every minute, each INBOX, no quiet hours, and the zip choices other features read', async () => {
    expect(await getSettings()).toEqual({
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
  });

  it('replace bad stored values one by one with their defaults', () => {
    const settings = normaliseSettings({
      alertsEnabled: 'yes',
      pollIntervalSeconds: 5,
      watchedFolders: { a: ['x', 'x', 3], b: 'inbox' },
      quietHours: { enabled: true, start: '25:00', end: '06:30' },
      zipLayout: 'tree',
      nestedMessages: 'expand',
      showWhatsNew: 'no',
    });
    expect(settings).toEqual({
      ...DEFAULT_SETTINGS,
      pollIntervalSeconds: 30,
      watchedFolders: { a: ['x'] },
      quietHours: { enabled: true, start: '22:00', end: '06:30' },
      nestedMessages: 'expand',
    });
    expect(normaliseSettings('garbage')).toEqual(DEFAULT_SETTINGS);
  });

  it('never check more often than every 30 s nor less than hourly', () => {
    expect(normaliseSettings({ pollIntervalSeconds: 1 }).pollIntervalSeconds).toBe(30);
    expect(normaliseSettings({ pollIntervalSeconds: 86_400 }).pollIntervalSeconds).toBe(3600);
  });

  it('are saved by patch, read back typed, and watched', async () => {
    const seen: [boolean, boolean][] = [];
    const stop = watchSettings((next, previous) => seen.push([next.includeInlineImages, previous.includeInlineImages]));
    await setSettings({ includeInlineImages: true });
    expect(await getSetting('includeInlineImages')).toBe(true);
    expect(await getSetting('zipLayout')).toBe('folder-per-message');
    await vi.waitFor(() => expect(seen).toEqual([[true, false]]));
    stop();
    await setSettings({ includeInlineImages: false });
    expect(seen).toHaveLength(1);
  });
});
