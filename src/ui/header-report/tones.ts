/**
 * Which colour family a verdict gets. The colour only repeats what the word and the icon already say, so the
 * mapping lives in one place and the CSS has four tones instead of one rule per verdict.
 */
import type { AuthResult, Severity, SpamFinding, SpamVerdict, VerdictSeverity } from '../../mail';

export type Tone = 'good' | 'bad' | 'caution' | 'neutral';

const AUTH_TONES: Record<AuthResult, Tone> = {
  pass: 'good',
  fail: 'bad',
  // Softfail and the error results mean "could not confirm": not proof of forgery, not reassuring either.
  softfail: 'caution',
  temperror: 'caution',
  permerror: 'caution',
  neutral: 'neutral',
  none: 'neutral',
};

const SPAM_TONES: Record<SpamVerdict, Tone> = { spam: 'bad', suspicious: 'caution', clean: 'good', unknown: 'neutral' };

const SEVERITY_TONES: Record<Severity, Tone> = { error: 'bad', warning: 'caution', info: 'neutral' };
const VERDICT_TONES: Record<VerdictSeverity, Tone> = { ...SEVERITY_TONES, none: 'good' };

export const authTone = (result: AuthResult): Tone => AUTH_TONES[result];
export const spamTone = (verdict: SpamVerdict): Tone => SPAM_TONES[verdict];
/** A filter's verdict the sender could have written (or that may predate arrival) is never green, nor red: grey. */
export const spamFindingTone = (finding: Pick<SpamFinding, 'verdict' | 'addedByReceivingSide'>): Tone =>
  finding.addedByReceivingSide === true ? spamTone(finding.verdict) : 'neutral';
export const verdictTone = (severity: VerdictSeverity): Tone => VERDICT_TONES[severity];
export const severityTone = (severity: Severity): Tone => SEVERITY_TONES[severity];
