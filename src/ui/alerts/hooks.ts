import { useEffect, useState } from 'preact/hooks';
import {
  notificationPermissionState,
  watchNotificationPermission,
  type NotificationPermissionState,
} from '../../alerts/permission';
import { pausedUntil, watchPause } from '../../alerts/pause';
import { loadPollRecord, watchPollRecord, type PollRecord } from '../../alerts/poll-record';
import { getApiToken, getSettings, watchApiToken, watchSettings, type Settings } from '../../settings';

/** A value read once from storage and kept current through its watcher; null until the first read. */
function useStored<T>(read: () => Promise<T>, watch: (listener: (value: T) => void) => () => void): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    void read().then((initial) => live && setValue(initial));
    const stop = watch((next) => setValue(next));
    return () => {
      live = false;
      stop();
    };
  }, []);
  return value;
}

export const useSettings = (): Settings | null => useStored(getSettings, watchSettings);
export const usePollRecord = (): PollRecord | null => useStored(loadPollRecord, watchPollRecord);
/** The saved token, null when there is none, undefined while loading. */
export function useApiToken(): string | null | undefined {
  const stored = useStored(
    async () => ({ token: await getApiToken() }),
    (listener: (value: { token: string | null }) => void) => watchApiToken((token) => listener({ token })),
  );
  return stored?.token;
}
export const usePausedUntil = (): number | null => useStored(() => pausedUntil(), watchPause);
export const useNotificationPermission = (): NotificationPermissionState | null =>
  useStored(notificationPermissionState, watchNotificationPermission);
