// @ts-check
/**
 * Light and dark theme, as the real webmail signals it: exactly one of `theme-light` / `theme-dark` on <body>.
 * Until the user picks one, the system preference decides (and is followed live); a pick is remembered.
 */

const STORAGE_KEY = 'webmail-theme';
const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');

/** @returns {'light' | 'dark' | null} */
function storedTheme() {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

/** @returns {'light' | 'dark'} */
export function currentTheme() {
  return document.body.classList.contains('theme-dark') ? 'dark' : 'light';
}

/** @param {'light' | 'dark'} theme */
function apply(theme) {
  document.body.classList.toggle('theme-dark', theme === 'dark');
  document.body.classList.toggle('theme-light', theme === 'light');
  document.documentElement.style.colorScheme = theme;
  document.dispatchEvent(new CustomEvent('webmail-theme-change', { detail: theme }));
}

export function initTheme() {
  apply(storedTheme() ?? (darkQuery.matches ? 'dark' : 'light'));
  darkQuery.addEventListener('change', (event) => {
    if (!storedTheme()) apply(event.matches ? 'dark' : 'light');
  });
}

export function toggleTheme() {
  const next = currentTheme() === 'dark' ? 'light' : 'dark';
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Storage can be disabled; the toggle still works for this page.
  }
  apply(next);
}
