import { describe, expect, it } from 'vitest';
import { inAddressRange } from './address-ranges';

describe('inAddressRange', () => {
  it.each([
    ['2001:db8:7:10::a6b', '2001:db8::/32', true],
    ['2001:DB8::1', '2001:db8::/32', true],
    ['2001:db9::1', '2001:db8::/32', false],
    ['2001:dbf::1', '2001:db8::/29', true],
    ['2001:dc0::1', '2001:db8::/29', false],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.0/120', true],
    ['198.51.100.77', '198.51.100.0/24', true],
    ['198.51.101.77', '198.51.100.0/24', false],
    ['198.51.100.77', '198.51.100.77', true],
    ['10.7.10.108', '0.0.0.0/0', true],
  ])('%s in %s: %s', (ip, range, expected) => {
    expect(inAddressRange(ip, range)).toBe(expected);
  });

  it('never matches across families or on text that is not an address', () => {
    expect(inAddressRange('198.51.100.1', '::/0')).toBe(false);
    expect(inAddressRange('2001:db8::1', '0.0.0.0/0')).toBe(false);
    expect(inAddressRange('unknown', '2001:db8::/32')).toBe(false);
    expect(inAddressRange('2001:db8::1::2', '2001:db8::/32')).toBe(false);
    expect(inAddressRange('2001:db8::1', '2001:db8::/129')).toBe(false);
    expect(inAddressRange('2001:db8::1', 'not a range')).toBe(false);
    expect(inAddressRange('256.1.1.1', '0.0.0.0/0')).toBe(false);
  });
});
