import { describe, expect, it } from 'vitest';
import { authTone, severityTone, spamTone } from './tones';

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
});
