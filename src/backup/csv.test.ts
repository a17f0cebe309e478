import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv';

describe('csv', () => {
  it('quotes every cell and doubles quotes inside', () => {
    expect(csvLine(['a', 'say "hi"', 12, 'x,y\r\nz'])).toBe('"a","say ""hi""","12","x,y\r\nz"\r\n');
  });

  it('turns cells a spreadsheet would run as a formula into text', () => {
    for (const formula of ['=1+1', '+41 79', '-2', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(csvCell(formula)).toBe(`"'${formula}"`);
    }
    expect(csvCell('a=1')).toBe('"a=1"');
    expect(csvCell(-5)).toBe('"-5"'); // a number the engine wrote (a size), not someone's text
  });
});
