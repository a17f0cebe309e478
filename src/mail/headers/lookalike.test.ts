import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOOKALIKE_BRANDS, findDomainConcerns } from './lookalike';

const concerns = (domain: string) => findDomainConcerns(domain, DEFAULT_LOOKALIKE_BRANDS);
/** A domain the way a header carries it: an internationalised name in its xn-- form. */
const sent = (unicode: string) => domainToASCII(unicode);

describe('look-alike characters from Unicode (UTS #39 confusables)', () => {
  it.each([
    // U+0251 LATIN SMALL LETTER ALPHA, which confusables.txt maps to "a".
    ['ɑpple.com', 'apple'],
    // U+1D00 LATIN LETTER SMALL CAPITAL A: its own prototype in UTS #39, read as "a" by its name.
    ['ᴀpple.com', 'apple'],
  ])('catches %s, Latin letters only, imitating %s', (domain, brand) => {
    expect(concerns(sent(domain))).toEqual([
      { code: 'punycode_domain', substitutions: [domain, sent(domain)] },
      { code: 'lookalike_brand', substitutions: [domain, brand] },
    ]);
  });

  it('catches a Lisu letter among Latin ones', () => {
    // U+A4D1 LISU LETTER PA, drawn as a capital P.
    expect(concerns(sent('ꓑaypal.com'))).toEqual([
      { code: 'punycode_domain', substitutions: ['ꓑaypal.com', sent('ꓑaypal.com')] },
      { code: 'lookalike_mixed_scripts', substitutions: ['ꓑaypal.com'] },
      { code: 'lookalike_brand', substitutions: ['ꓑaypal.com', 'paypal'] },
    ]);
  });

  it('reads a label written entirely in Lisu', () => {
    // PA, A, YA, PA, A, LA: "ꓑꓮꓬꓑꓮꓡ" reads "PAYPAL".
    const domain = 'ꓑꓮꓬꓑꓮꓡ.com';
    expect(concerns(sent(domain))).toEqual([
      { code: 'punycode_domain', substitutions: [domain, sent(domain)] },
      { code: 'lookalike_confusable', substitutions: [domain, 'paypal'] },
      { code: 'lookalike_brand', substitutions: [domain, 'paypal'] },
    ]);
  });

  it('follows a Cyrillic letter through the small capital it is drawn like', () => {
    // Cyrillic "т" is confusable with "ᴛ" (small capital T), which reads "t".
    expect(concerns(sent('тwitter.com')).map((concern) => concern.substitutions)).toEqual([
      ['тwitter.com', sent('тwitter.com')],
      ['тwitter.com'],
      ['тwitter.com', 'twitter'],
    ]);
  });

  it('shows what a non-Latin label reads as when it imitates no brand', () => {
    // Cyrillic с, о, с, о.
    expect(concerns(sent('сосо.com'))).toEqual([
      { code: 'punycode_domain', substitutions: ['сосо.com', sent('сосо.com')] },
      { code: 'lookalike_confusable', substitutions: ['сосо.com', 'coco'] },
    ]);
  });

  it('still catches digits swapped for letters', () => {
    expect(concerns('goog1e.com')).toEqual([{ code: 'lookalike_brand', substitutions: ['goog1e.com', 'google'] }]);
    expect(concerns('paypa1.com')).toEqual([{ code: 'lookalike_brand', substitutions: ['paypa1.com', 'paypal'] }]);
  });

  it('leaves real names alone: the brand itself, and an honest internationalised domain', () => {
    expect(concerns('paypal.com')).toEqual([]);
    expect(concerns(sent('müller.de'))).toEqual([
      { code: 'punycode_domain', substitutions: ['müller.de', sent('müller.de')] },
    ]);
  });
});
