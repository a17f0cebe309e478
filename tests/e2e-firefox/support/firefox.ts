import { existsSync } from 'node:fs';

/** Debian's Firefox ESR (the tests never download a browser of their own); FIREFOX_PATH overrides it. */
export function firefoxExecutable(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found) throw new Error('Firefox not found: install Debian\'s "firefox-esr" package or set FIREFOX_PATH.');
  return found;
}
