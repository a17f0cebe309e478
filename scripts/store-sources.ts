/**
 * The top-level entries of the repository that go into the Firefox sources zip: everything `npm ci` and
 * `npx wxt build -b firefox` read, and the README that says so. Dotfiles never go in (WXT leaves them out).
 * The store-zips test rebuilds the add-on from the zip, so a missing entry here fails `npm test`.
 */
export const SOURCES_FOR_REVIEWERS: readonly string[] = [
  'README.md',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'wxt.config.ts',
  'assets',
  'entrypoints',
  'public',
  // `npm ci` runs scripts/generate-confusables.ts (postinstall).
  'scripts',
  'src',
];
