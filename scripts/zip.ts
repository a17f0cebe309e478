/**
 * `npm run zip [browser…]`: the store packages under `.output/`, one per browser (all four by default), named
 * `{name}-{version}-{browser}.zip` from package.json: what is uploaded to the Chrome Web Store, Edge Add-ons and
 * addons.mozilla.org, and what Safari's packager is given. For Firefox, WXT also writes
 * `{name}-{version}-sources.zip`, the code AMO's reviewers rebuild the add-on from.
 */
import { readdirSync } from 'node:fs';
import { zip } from 'wxt';
import { SOURCES_FOR_REVIEWERS } from './store-sources';

const BROWSERS = ['chrome', 'edge', 'firefox', 'safari'] as const;
type StoreBrowser = (typeof BROWSERS)[number];

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(BROWSERS as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`Unknown browser ${unknown.join(', ')}: expected any of ${BROWSERS.join(', ')}.`);
  process.exit(2);
}
const browsers = (requested.length > 0 ? requested : BROWSERS) as readonly StoreBrowser[];

// WXT puts everything in the sources zip unless told otherwise. The reviewers get what the build reads and the
// instructions, nothing else: not the tests, whose replica imitates Infomaniak's sign-in page, nor benchmarks.
const excludeSources = readdirSync('.')
  .filter((entry) => !entry.startsWith('.') && !SOURCES_FOR_REVIEWERS.includes(entry))
  .flatMap((entry) => [entry, `${entry}/**`]);

for (const browser of browsers) {
  // One build and zip after the other: WXT keeps one build's state per process at a time.
  await zip({ browser, zip: { excludeSources } });
}
