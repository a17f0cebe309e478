/**
 * Domains made to look like someone else's: digits for letters ("paypa1"), letters from other
 * scripts mixed in ("аpple" with a Cyrillic "а"), whole labels spelled in look-alike Cyrillic, and
 * internationalised (Punycode "xn--") names whose Unicode form is what a reader would see.
 *
 * Heuristics, not proof: the UI words them as "looks like".
 */
import { LATIN_LOOKALIKES } from './confusables.generated';
import { domainToUnicode } from './punycode';

/** Often imitated brands, one domain label each; callers may pass their own list instead. */
export const DEFAULT_LOOKALIKE_BRANDS: readonly string[] = (
  'paypal apple icloud google gmail microsoft outlook office live amazon netflix facebook instagram whatsapp ' +
  'linkedin twitter ebay dropbox docusign adobe yahoo dhl fedex ups binance coinbase booking airbnb spotify'
).split(' ');

export type DomainConcernCode =
  'lookalike_brand' | 'lookalike_mixed_scripts' | 'lookalike_confusable' | 'punycode_domain';

export interface DomainConcern {
  code: DomainConcernCode;
  /** $1 is always the domain as a reader sees it (Unicode form). */
  substitutions: string[];
}

/**
 * Characters drawn like Latin letters or digits, mapped to the lower-case ASCII they imitate: Unicode's own table
 * (UTS #39 confusables), generated at install time by scripts/generate-confusables.ts.
 */
const CONFUSABLE_WITH_LATIN = new Map<string, string>(
  Object.entries(LATIN_LOOKALIKES).flatMap(([reading, chars]) => [...chars].map((char) => [char, reading] as const)),
);

/** Characters swapped for letters in look-alike names, folded onto one representative each. */
const LOOKALIKE_FOLDS: [RegExp, string][] = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/[1i|!]/g, 'l'],
  [/0/g, 'o'],
  [/3/g, 'e'],
  [/[4@]/g, 'a'],
  [/[5$]/g, 's'],
  [/7/g, 't'],
  [/8/g, 'b'],
  [/9/g, 'g'],
];

// Scripts whose letters are largely drawn like Latin ones (Lisu's alphabet is made of Latin capitals).
const CONFUSABLE_SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Cherokee', 'Lisu'] as const;
type ConfusableScript = (typeof CONFUSABLE_SCRIPTS)[number];
const SCRIPT_TESTS: Record<ConfusableScript, RegExp> = {
  Latin: /\p{Script=Latin}/u,
  Cyrillic: /\p{Script=Cyrillic}/u,
  Greek: /\p{Script=Greek}/u,
  Armenian: /\p{Script=Armenian}/u,
  Cherokee: /\p{Script=Cherokee}/u,
  Lisu: /\p{Script=Lisu}/u,
};

// Longer than any domain DNS allows: not a name anyone could register, so nothing to compare.
const MAX_DOMAIN_LENGTH = 253;

export function findDomainConcerns(domain: string, brands: readonly string[]): DomainConcern[] {
  if (domain.length > MAX_DOMAIN_LENGTH) return [];
  const ascii = domain.toLowerCase();
  const unicode = domainToUnicode(ascii);
  const concerns: DomainConcern[] = [];
  if (unicode !== ascii) concerns.push({ code: 'punycode_domain', substitutions: [unicode, ascii] });

  const labels = unicode.split('.');
  const tld = labels[labels.length - 1] ?? '';
  const foreignTld = scriptsOf(tld).size > 0 && !scriptsOf(tld).has('Latin');
  let mixedReported = false;
  let confusableReported = false;
  for (const label of labels.slice(0, -1)) {
    const scripts = scriptsOf(label);
    if (scripts.size > 1 && !mixedReported) {
      concerns.push({ code: 'lookalike_mixed_scripts', substitutions: [unicode] });
      mixedReported = true;
    } else if (scripts.size === 1 && !scripts.has('Latin') && !foreignTld && !confusableReported) {
      // A label entirely in, say, Cyrillic under a Latin TLD is only suspicious if it reads as Latin.
      const skeleton = latinSkeleton(label);
      if (skeleton !== null) {
        concerns.push({ code: 'lookalike_confusable', substitutions: [unicode, readingOf(skeleton, brands)] });
        confusableReported = true;
      }
    }
  }

  const brand = imitatedBrand(labels.slice(0, -1), brands);
  if (brand !== null) concerns.push({ code: 'lookalike_brand', substitutions: [unicode, brand] });
  return concerns;
}

function scriptsOf(label: string): Set<ConfusableScript> {
  const scripts = new Set<ConfusableScript>();
  for (const char of label) {
    if (/[a-z0-9-]/.test(char)) {
      if (/[a-z]/.test(char)) scripts.add('Latin');
      continue;
    }
    for (const script of CONFUSABLE_SCRIPTS) {
      if (SCRIPT_TESTS[script].test(char)) scripts.add(script);
    }
  }
  return scripts;
}

/** The Latin word a non-Latin label imitates, or null when some letter has no Latin twin. */
function latinSkeleton(label: string): string | null {
  let skeleton = '';
  for (const char of label) {
    if (/[0-9-]/.test(char)) {
      skeleton += char;
      continue;
    }
    const latin = CONFUSABLE_WITH_LATIN.get(char);
    if (latin === undefined) return null;
    skeleton += latin;
  }
  return skeleton;
}

/**
 * What to tell the reader a skeleton says. UTS #39 skeletons are for comparing, not for showing (its palochka
 * "ӏ" becomes "i"): when the skeleton is a brand's look-alike, the brand is what the reader believes they see.
 */
function readingOf(skeleton: string, brands: readonly string[]): string {
  const folded = fold(skeleton);
  return brands.find((brand) => fold(brand.toLowerCase()) === folded)?.toLowerCase() ?? skeleton;
}

function fold(text: string): string {
  let folded = '';
  for (const char of text) folded += CONFUSABLE_WITH_LATIN.get(char) ?? char;
  for (const [pattern, replacement] of LOOKALIKE_FOLDS) folded = folded.replace(pattern, replacement);
  return folded;
}

/** The brand a label (or a hyphen-separated part of one) imitates without being it. */
function imitatedBrand(labels: string[], brands: readonly string[]): string | null {
  const foldedBrands = new Map(brands.map((brand) => [fold(brand.toLowerCase()), brand.toLowerCase()]));
  for (const label of labels) {
    for (const part of new Set([label, ...label.split('-')])) {
      if (part.length < 3) continue;
      const brand = foldedBrands.get(fold(part));
      if (brand !== undefined && brand !== part) return brand;
    }
  }
  return null;
}
