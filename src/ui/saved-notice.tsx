import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { setSettings, type Settings } from '../settings';
import { t } from '../i18n';

interface Saving {
  /** Stores a change of the preferences, and says "Saved" once it is stored. */
  save(patch: Partial<Settings>): void;
  /** Says "Saved" for something stored another way (the token). */
  saved(): void;
}

// Outside the options page (the popup's switch), a change is stored without the notice: the switch itself shows it.
const SavingContext = createContext<Saving>({ save: (patch) => void setSettings(patch), saved: () => undefined });

export const useSaving = (): Saving => useContext(SavingContext);

/**
 * The options page stores each change at once; this says so, in one place at the bottom of the window, for a
 * moment after each change (and to screen readers through its status role).
 */
export function SavedNotice({ children }: { children: ComponentChildren }) {
  const [shown, setShown] = useState(0);
  const saving = useMemo<Saving>(() => {
    const saved = () => setShown((count) => count + 1);
    return { save: (patch) => void setSettings(patch).then(saved), saved };
  }, []);
  useEffect(() => {
    if (shown === 0) return;
    const timer = setTimeout(() => setShown(0), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [shown]);
  return (
    <SavingContext.Provider value={saving}>
      {children}
      <p class={`saved-notice${shown ? ' shown' : ''}`} role="status" data-testid="settings-saved">
        {shown ? t('pages_saved') : ''}
      </p>
    </SavingContext.Provider>
  );
}

const SHOWN_MS = 2500;
