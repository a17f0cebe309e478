export {
  DEFAULT_SETTINGS,
  MAX_POLL_INTERVAL_SECONDS,
  MIN_POLL_INTERVAL_SECONDS,
  getSetting,
  getSettings,
  normaliseSettings,
  setSettings,
  watchSettings,
  type NestedMessages,
  type QuietHours,
  type Settings,
  type WatchedFolders,
  type BulkLayout,
} from './settings';
export { getApiToken, maskToken, removeApiToken, setApiToken, watchApiToken } from './api-token';
