import { describe, expect, it } from 'vitest';
import { alignmentWith, differentOrganisations, organisationalDomain } from './domains';
import { DEFAULT_LOOKALIKE_BRANDS, findDomainConcerns } from './lookalike';
import { decodePunycode, domainToUnicode } from './punycode';

describe('organisationalDomain', () => {
  it.each([
    ['mail.example.ch', 'example.ch'],
    ['example.ch', 'example.ch'],
    ['a.b.shop.example.co.uk', 'example.co.uk'],
    ['news.example.com.au', 'example.com.au'],
    ['mx.example.co.jp', 'example.co.jp'],
    ['bucket.s3.amazonaws.com', 'bucket.s3.amazonaws.com'],
    ['MAIL.Example.COM.', 'example.com'],
    ['user.github.io', 'user.github.io'],
    ['192.0.2.1', '192.0.2.1'],
    ['localhost', 'localhost'],
  ])('%s → %s', (domain, expected) => {
    expect(organisationalDomain(domain)).toBe(expected);
  });

  // Worked out by hand from the Public Suffix List: the rule with the most labels wins, an exception rule ("!")
  // beats a wildcard ("*") and makes its own name registrable, and the organisation is the winning suffix plus
  // one label.
  it.each([
    // "*.kawasaki.jp" makes "b.kawasaki.jp" a suffix, so "a" owns "a.b.kawasaki.jp".
    ['a.b.kawasaki.jp', 'a.b.kawasaki.jp'],
    // "!city.kawasaki.jp" takes "city" out of the wildcard: the suffix is "kawasaki.jp", the city owns its name.
    ['www.city.kawasaki.jp', 'city.kawasaki.jp'],
    // "pvt.k12.ma.us" is a four-label rule of its own.
    ['foo.pvt.k12.ma.us', 'foo.pvt.k12.ma.us'],
    ['mail.school.pvt.k12.ma.us', 'school.pvt.k12.ma.us'],
    // "uk.com" is in the private section (CentralNic sells names under it).
    ['x.y.example.uk.com', 'example.uk.com'],
    // Amazon S3 lists "s3.<region>.amazonaws.com" in the private section: every bucket is its own owner.
    ['bucket.s3.eu-west-1.amazonaws.com', 'bucket.s3.eu-west-1.amazonaws.com'],
    ['mail.example.s3.eu-west-1.amazonaws.com', 'example.s3.eu-west-1.amazonaws.com'],
    // A public suffix itself has no registrable part: it stands for itself, as an IP literal does.
    ['co.uk', 'co.uk'],
    ['kawasaki.jp', 'kawasaki.jp'],
    ['2001:db8::1', '2001:db8::1'],
  ])('%s → %s (Public Suffix List rules)', (domain, expected) => {
    expect(organisationalDomain(domain)).toBe(expected);
  });

  it('keeps owners under one wildcard or shared host apart', () => {
    expect(differentOrganisations('a.b.kawasaki.jp', 'c.b.kawasaki.jp')).toBe(true);
    expect(differentOrganisations('foo.pvt.k12.ma.us', 'bar.pvt.k12.ma.us')).toBe(true);
    expect(differentOrganisations('example.uk.com', 'other.uk.com')).toBe(true);
    expect(differentOrganisations('shop.s3.eu-west-1.amazonaws.com', 'phish.s3.eu-west-1.amazonaws.com')).toBe(true);
    expect(alignmentWith('example.uk.com', 'bounce.other.uk.com').alignment).toBe('none');
    expect(alignmentWith('example.uk.com', 'bounce.example.uk.com').alignment).toBe('relaxed');
  });

  it('aligns strictly, relaxed or not at all', () => {
    expect(alignmentWith('example.org', 'EXAMPLE.org.')).toEqual({ domain: 'example.org', alignment: 'strict' });
    expect(alignmentWith('example.org', 'bounce.example.org')).toEqual({
      domain: 'bounce.example.org',
      alignment: 'relaxed',
    });
    expect(alignmentWith('a.example.co.uk', 'b.other.co.uk').alignment).toBe('none');
  });
});

describe('punycode (RFC 3492)', () => {
  it.each([
    ['mnchen-3ya', 'münchen'],
    ['zrich-kva', 'zürich'],
    ['80ak6aa92e', 'аррӏе'],
    ['wgv71a119e', '日本語'],
    ['bcher-kva', 'bücher'],
    ['ls8h', '💩'],
  ])('%s → %s', (encoded, decoded) => {
    expect(decodePunycode(encoded)).toBe(decoded);
  });

  it('rejects invalid input and leaves such labels as written', () => {
    expect(decodePunycode('-abc')).toBeNull();
    expect(decodePunycode('abc!')).toBeNull();
    expect(domainToUnicode('xn--abc!.example')).toBe('xn--abc!.example');
    expect(domainToUnicode('mail.XN--MNCHEN-3YA.de')).toBe('mail.münchen.de');
  });
});

describe('lookalike domains', () => {
  const concerns = (domain: string) => findDomainConcerns(domain, DEFAULT_LOOKALIKE_BRANDS);

  it('finds digits for letters imitating a brand', () => {
    expect(concerns('paypa1.com')).toEqual([{ code: 'lookalike_brand', substitutions: ['paypa1.com', 'paypal'] }]);
    expect(concerns('secure-g00gle.example')).toEqual([
      { code: 'lookalike_brand', substitutions: ['secure-g00gle.example', 'google'] },
    ]);
    expect(concerns('rnicrosoft.net')).toEqual([
      { code: 'lookalike_brand', substitutions: ['rnicrosoft.net', 'microsoft'] },
    ]);
  });

  it('leaves the real brand and ordinary domains alone', () => {
    expect(concerns('paypal.com')).toEqual([]);
    expect(concerns('mail.google.com')).toEqual([]);
    expect(concerns('example.ch')).toEqual([]);
  });

  it('shows punycode domains in Unicode and flags mixed scripts', () => {
    // "аpple" with a Cyrillic "а", then Latin "pple".
    const mixed = concerns('xn--pple-43d.com');
    expect(mixed).toEqual([
      { code: 'punycode_domain', substitutions: ['аpple.com', 'xn--pple-43d.com'] },
      { code: 'lookalike_mixed_scripts', substitutions: ['аpple.com'] },
      { code: 'lookalike_brand', substitutions: ['аpple.com', 'apple'] },
    ]);
  });

  it('flags a label spelled entirely in look-alike Cyrillic', () => {
    expect(concerns('xn--80ak6aa92e.com')).toEqual([
      { code: 'punycode_domain', substitutions: ['аррӏе.com', 'xn--80ak6aa92e.com'] },
      { code: 'lookalike_confusable', substitutions: ['аррӏе.com', 'apple'] },
      { code: 'lookalike_brand', substitutions: ['аррӏе.com', 'apple'] },
    ]);
  });

  it('only informs about an honest internationalised domain', () => {
    expect(concerns('xn--mnchen-3ya.de')).toEqual([
      { code: 'punycode_domain', substitutions: ['münchen.de', 'xn--mnchen-3ya.de'] },
    ]);
    // Cyrillic under a Cyrillic TLD (.рф) is simply Russian.
    expect(concerns('xn--80aswg.xn--p1ai').map((concern) => concern.code)).toEqual(['punycode_domain']);
  });

  it('uses the brands the caller passes', () => {
    expect(findDomainConcerns('lnfomaniak.com', ['infomaniak'])).toEqual([
      { code: 'lookalike_brand', substitutions: ['lnfomaniak.com', 'infomaniak'] },
    ]);
  });
});
