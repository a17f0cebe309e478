/**
 * Rspamd: X-Spamd-Result ("default: False [3.40 / 15.00]; SYMBOL(0.10)[…]; …") and X-Rspamd-Action.
 * The action is what the server decided; the True/False flag and score are the fallback.
 */
import { reportText, type HeaderMessageKey } from '../messages';
import type { HeaderLookup, SpamDecoder, SpamDetail, SpamVerdict } from '../types';

// A Map: the action text must not reach Object.prototype ("constructor").
const ACTIONS = new Map<string, { verdict: SpamVerdict; meaning: HeaderMessageKey }>(
  Object.entries({
    'no action': { verdict: 'clean', meaning: 'hdr_spam_rspamd_action_no_action' },
    greylist: { verdict: 'suspicious', meaning: 'hdr_spam_rspamd_action_greylist' },
    'add header': { verdict: 'spam', meaning: 'hdr_spam_rspamd_action_add_header' },
    'rewrite subject': { verdict: 'spam', meaning: 'hdr_spam_rspamd_action_rewrite_subject' },
    'soft reject': { verdict: 'suspicious', meaning: 'hdr_spam_rspamd_action_soft_reject' },
    reject: { verdict: 'spam', meaning: 'hdr_spam_rspamd_action_reject' },
  }),
);

export const rspamdDecoder: SpamDecoder = {
  id: 'rspamd',
  decode(headers: HeaderLookup) {
    const result = headers.first('X-Spamd-Result');
    const actionHeader = headers.first('X-Rspamd-Action');
    const scoreHeader = headers.first('X-Rspamd-Score');
    if (!result && !actionHeader && !scoreHeader) return null;

    const resultText = result?.unfolded ?? '';
    const summary = /default:\s*(true|false)\s*\[\s*(-?\d+(?:\.\d+)?)\s*\/\s*(-?\d+(?:\.\d+)?)\s*\]/i.exec(resultText);
    const flagged = summary ? summary[1]?.toLowerCase() === 'true' : null;
    const score = summary ? Number(summary[2]) : numberOrNull(scoreHeader?.unfolded);
    const threshold = summary ? Number(summary[3]) : null;
    const symbols = [...resultText.matchAll(/;\s*([A-Z0-9_]+)\s*\(/g)].map((match) => match[1] as string);
    const action = ACTIONS.get(actionHeader?.unfolded.trim().toLowerCase() ?? '');

    const details: SpamDetail[] = [];
    if (actionHeader)
      details.push({
        label: reportText('hdr_spam_detail_action'),
        value: actionHeader.unfolded,
        meaning: action ? reportText(action.meaning) : null,
      });
    if (flagged !== null) {
      details.push({
        label: reportText('hdr_spam_detail_status'),
        value: flagged ? 'True' : 'False',
        meaning: reportText(flagged ? 'hdr_spam_meaning_flagged' : 'hdr_spam_meaning_not_flagged'),
      });
    }
    if (score !== null)
      details.push({ label: reportText('hdr_spam_detail_score'), value: String(score), meaning: null });
    if (threshold !== null)
      details.push({ label: reportText('hdr_spam_detail_threshold'), value: String(threshold), meaning: null });
    if (symbols.length > 0)
      details.push({ label: reportText('hdr_spam_detail_rules'), value: symbols.join(', '), meaning: null });

    let verdict: SpamVerdict = 'unknown';
    if (action) verdict = action.verdict;
    else if (flagged !== null) verdict = flagged ? 'spam' : 'clean';
    return {
      name: reportText('hdr_spam_source_rspamd'),
      verdict,
      score,
      threshold,
      details,
      headers: [result, actionHeader, scoreHeader].filter((field) => field !== undefined).map((field) => field.name),
    };
  },
};

function numberOrNull(text: string | undefined): number | null {
  if (text === undefined) return null;
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) ? value : null;
}
