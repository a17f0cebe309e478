/**
 * SpamAssassin's headers: X-Spam-Status ("Yes, score=7.1 required=5.0 tests=A,B autolearn=no …"),
 * X-Spam-Flag, X-Spam-Score and the star bar X-Spam-Level. Many filters imitate these headers, so
 * each piece is read on its own and the explicit Yes/No wins over any score.
 */
import { reportText } from '../messages';
import type { HeaderLookup, SpamDecoder, SpamDetail, SpamVerdict } from '../types';

const DEFAULT_THRESHOLD = 5;

export const spamAssassinDecoder: SpamDecoder = {
  id: 'spamassassin',
  decode(headers: HeaderLookup) {
    const status = headers.first('X-Spam-Status');
    const flag = headers.first('X-Spam-Flag');
    const scoreHeader = headers.first('X-Spam-Score');
    const level = headers.first('X-Spam-Level');
    if (!status && !flag && !scoreHeader && !level) return null;

    const statusText = status?.unfolded ?? '';
    const statusWord = /^\s*(yes|no)\b/i.exec(statusText)?.[1]?.toLowerCase() ?? null;
    const flagWord = /^\s*(yes|no|true|false)\b/i.exec(flag?.unfolded ?? '')?.[1]?.toLowerCase() ?? null;
    const stars = level ? (level.unfolded.match(/\*/g)?.length ?? 0) : null;
    const score =
      numberAfter(statusText, /\b(?:score|hits)\s*=\s*(-?\d+(?:\.\d+)?)/i) ??
      numberAfter(scoreHeader?.unfolded ?? '', /(-?\d+(?:\.\d+)?)/) ??
      stars;
    const threshold = numberAfter(statusText, /\brequired\s*=\s*(-?\d+(?:\.\d+)?)/i);
    const rules = rulesOf(statusText);

    const flagged = statusWord === 'yes' || flagWord === 'yes' || flagWord === 'true';
    const explicitlyClean = statusWord === 'no' || flagWord === 'no' || flagWord === 'false';
    const verdict = judge(flagged, explicitlyClean, score, threshold ?? DEFAULT_THRESHOLD);

    const details: SpamDetail[] = [];
    if (statusWord !== null || flagWord !== null) {
      details.push({
        label: reportText(status ? 'hdr_spam_detail_status' : 'hdr_spam_detail_flag'),
        value: (status ? statusWord : flagWord) ?? '',
        meaning: reportText(flagged ? 'hdr_spam_meaning_flagged' : 'hdr_spam_meaning_not_flagged'),
      });
    }
    if (score !== null) {
      const over = score >= (threshold ?? DEFAULT_THRESHOLD);
      details.push({
        label: reportText('hdr_spam_detail_score'),
        value: String(score),
        meaning:
          threshold === null
            ? null
            : reportText(over ? 'hdr_spam_meaning_score_over' : 'hdr_spam_meaning_score_under', String(threshold)),
      });
    }
    if (threshold !== null)
      details.push({ label: reportText('hdr_spam_detail_threshold'), value: String(threshold), meaning: null });
    if (rules.length > 0)
      details.push({ label: reportText('hdr_spam_detail_rules'), value: rules.join(', '), meaning: null });
    if (level) details.push({ label: reportText('hdr_spam_detail_level'), value: level.unfolded, meaning: null });

    return {
      name: reportText('hdr_spam_source_spamassassin'),
      verdict,
      score,
      threshold,
      details,
      headers: [status, flag, scoreHeader, level].filter((field) => field !== undefined).map((field) => field.name),
    };
  },
};

/** An explicit Yes/No decides; close to the threshold is worth a second look even when it says No. */
function judge(flagged: boolean, explicitlyClean: boolean, score: number | null, threshold: number): SpamVerdict {
  if (flagged) return 'spam';
  if (score !== null && score >= threshold / 2) return !explicitlyClean && score >= threshold ? 'spam' : 'suspicious';
  if (explicitlyClean || score !== null) return 'clean';
  return 'unknown';
}

/**
 * "tests=A,B,\n\tC autolearn=no …": the list is folded after commas and ends at the next "name=" word.
 * Split into words rather than matched with a lookahead, which goes quadratic on long runs of spaces.
 */
function rulesOf(status: string): string[] {
  const start = /\btests\s*=/i.exec(status);
  if (!start) return [];
  const rules: string[] = [];
  for (const word of status.slice(start.index + start[0].length).split(/[\s,]+/)) {
    if (word.includes('=')) break;
    if (word.length > 0) rules.push(word);
  }
  return rules;
}

function numberAfter(text: string, pattern: RegExp): number | null {
  const match = pattern.exec(text);
  if (!match) return null;
  const value = Number(match[1]);
  return Number.isFinite(value) ? value : null;
}
