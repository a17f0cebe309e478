import { describe, expect, it } from 'vitest';
import { authTone, severityTone, spamFindingTone, spamTone, verdictTone } from './tones';

describe('tones', () => {
  it('reserve green for a pass and red for a fail', () => {
    expect(authTone('pass')).toBe('good');
    expect(authTone('fail')).toBe('bad');
  });

  it('treat "could not confirm" results as a caution, not as proof either way', () => {
    for (const result of ['softfail', 'temperror', 'permerror'] as const) expect(authTone(result)).toBe('caution');
    for (const result of ['neutral', 'none'] as const) expect(authTone(result)).toBe('neutral');
  });

  it('colour spam verdicts and warning severities the same way', () => {
    expect([spamTone('spam'), spamTone('suspicious'), spamTone('clean'), spamTone('unknown')]).toEqual([
      'bad',
      'caution',
      'good',
      'neutral',
    ]);
    expect([severityTone('error'), severityTone('warning'), severityTone('info')]).toEqual([
      'bad',
      'caution',
      'neutral',
    ]);
  });

  it('grey a spam verdict the sender could have written, whether it says clean or spam', () => {
    for (const verdict of ['clean', 'spam'] as const) {
      expect(spamFindingTone({ verdict, addedByReceivingSide: false })).toBe('neutral');
      expect(spamFindingTone({ verdict, addedByReceivingSide: null })).toBe('neutral');
    }
    expect(spamFindingTone({ verdict: 'clean', addedByReceivingSide: true })).toBe('good');
    expect(spamFindingTone({ verdict: 'spam', addedByReceivingSide: true })).toBe('bad');
  });

  it('colour the verdict banner green only when there is nothing to worry about', () => {
    expect([verdictTone('error'), verdictTone('warning'), verdictTone('info'), verdictTone('none')]).toEqual([
      'bad',
      'caution',
      'neutral',
      'good',
    ]);
  });
});
