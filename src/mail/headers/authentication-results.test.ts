import { describe, expect, it } from 'vitest';
import { unfoldValue } from '../header-block';
import { parseAuthenticationResults, propertyValue } from './authentication-results';

const parse = (value: string) => parseAuthenticationResults(unfoldValue(value));

describe('parseAuthenticationResults', () => {
  it('reads a well-formed header with several methods, comments and properties', () => {
    const parsed = parse(`mx.example.net;
\tdkim=pass (2048-bit key; unprotected) header.d=example.org header.i=@example.org header.s=s2024 header.b=Ab+c/D9=;
\tspf=pass (mx.example.net: domain of bounce@example.org designates 192.0.2.1 as permitted sender) smtp.mailfrom=bounce@example.org;
\tdmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.org`);
    expect(parsed.authservId).toBe('mx.example.net');
    expect(parsed.results.map((result) => [result.method, result.result])).toEqual([
      ['dkim', 'pass'],
      ['spf', 'pass'],
      ['dmarc', 'pass'],
    ]);
    const [dkim, spf, dmarc] = parsed.results;
    expect(dkim?.comments).toEqual(['2048-bit key; unprotected']);
    expect(dkim && propertyValue(dkim, 'header', 'b')).toBe('Ab+c/D9=');
    expect(dkim && propertyValue(dkim, 'header', 'i')).toBe('@example.org');
    expect(spf && propertyValue(spf, 'smtp', 'mailfrom')).toBe('bounce@example.org');
    expect(dmarc && propertyValue(dmarc, 'header', 'from')).toBe('example.org');
  });

  it('reads a version number, a reason and quoted values', () => {
    const parsed = parse(
      'mx.example.net 1; dkim=fail reason="signature verification failed" header.d=example.org; auth=pass smtp.auth="alice smith"',
    );
    expect(parsed.version).toBe(1);
    expect(parsed.results[0]).toMatchObject({
      method: 'dkim',
      result: 'fail',
      reason: 'signature verification failed',
    });
    expect(parsed.results[1]?.properties).toEqual([{ type: 'smtp', name: 'auth', value: 'alice smith' }]);
  });

  it('reads "none" (no results at all)', () => {
    expect(parse('mx.example.net; none')).toMatchObject({ authservId: 'mx.example.net', results: [] });
    expect(parse('mx.example.net 1; none')).toMatchObject({ authservId: 'mx.example.net', version: 1, results: [] });
  });

  it('copes with a missing authserv-id (as Microsoft writes it) and properties without a type', () => {
    const parsed = parse(
      'spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.org; dkim=pass (signature was verified) header.d=example.org;dmarc=pass action=none header.from=example.org;compauth=pass reason=100',
    );
    expect(parsed.authservId).toBeNull();
    expect(parsed.results.map((result) => result.method)).toEqual(['spf', 'dkim', 'dmarc', 'compauth']);
    expect(parsed.results[2]?.properties).toEqual([
      { type: '', name: 'action', value: 'none' },
      { type: 'header', name: 'from', value: 'example.org' },
    ]);
    expect(parsed.results[3]?.reason).toBe('100');
  });

  it('copes with missing semicolons, upper case, spaces around "=" and a method version', () => {
    const parsed = parse('MX.Example.NET SPF=Pass smtp.mailfrom = a@example.org DKIM/1 = FAIL header.d=example.org');
    expect(parsed.authservId).toBe('MX.Example.NET');
    expect(parsed.results.map((result) => [result.method, result.result])).toEqual([
      ['spf', 'pass'],
      ['dkim', 'fail'],
    ]);
    expect(parsed.results[0] && propertyValue(parsed.results[0], 'smtp', 'mailfrom')).toBe('a@example.org');
  });

  it('keeps several DKIM results apart', () => {
    const parsed = parse(
      'mx.example.net; dkim=pass header.d=example.org header.s=a; dkim=fail header.d=esp.example header.s=b; dkim=neutral (no key) header.d=third.example',
    );
    expect(parsed.results.map((result) => [result.result, propertyValue(result, 'header', 'd')])).toEqual([
      ['pass', 'example.org'],
      ['fail', 'esp.example'],
      ['neutral', 'third.example'],
    ]);
  });

  it('puts nested comments and comments next to the authserv-id where they belong', () => {
    const parsed = parse(
      'mx.example.net (amavis (filter) 2.13); spf=softfail (transitioning (see policy)) smtp.mailfrom=x@example.org',
    );
    expect(parsed.comments).toEqual(['amavis (filter) 2.13']);
    expect(parsed.results[0]?.comments).toEqual(['transitioning (see policy)']);
  });

  it('never loops or throws on garbage', () => {
    for (const junk of [
      '',
      ';;;',
      '===',
      '"unterminated',
      '(unterminated',
      'a=',
      '=b',
      'x.y=z',
      '; dkim',
      '\u0000\u0001',
    ]) {
      expect(() => parse(junk)).not.toThrow();
    }
  });
});
