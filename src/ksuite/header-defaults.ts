/**
 * What the header analyser needs to know about Infomaniak's own mail servers.
 *
 * GUESSED, from public DNS and observed host names rather than documentation:
 * - inbound MX is mta-gw.infomaniak.ch, outbound relays are smtp-*.mail.infomaniak.ch, and internal
 *   hops are under infomaniak.ch or infomaniak.com;
 * - the authserv-id in Infomaniak's Authentication-Results is one of those host names (or the bare
 *   domain), hence the wildcards;
 * - X-Infomaniak-Spam holds a word ("spam", "ham"…), possibly with a score. The only public hint is a
 *   SpamAssassin rule matching it with /spam/.
 * Adjust here once real headers contradict any of it; nothing else in the code knows these names.
 */
import { DEFAULT_LOOKALIKE_BRANDS, reportText } from '../mail/headers';
import type { HeaderAnalysisOptions, HeaderLookup, SpamDecoder, SpamDetail, SpamVerdict } from '../mail/headers';

export const INFOMANIAK_AUTHSERV_IDS: readonly string[] = ['*.infomaniak.ch', '*.infomaniak.com'];

export const INFOMANIAK_RECEIVING_HOSTS: readonly RegExp[] = [
  /(?:^|\.)infomaniak\.ch\.?$/i,
  /(?:^|\.)infomaniak\.com\.?$/i,
];

/** Infomaniak's products are imitated in phishing aimed at its customers. */
const INFOMANIAK_BRANDS = ['infomaniak', 'ksuite', 'kdrive', 'kmeet', 'swisstransfer'];

const SPAM_WORDS = new Set(['spam', 'yes', 'true', 'junk']);
const CLEAN_WORDS = new Set(['ham', 'no', 'false', 'clean', 'notspam', 'not-spam', 'nospam']);
const SUSPICIOUS_WORDS = new Set(['suspect', 'suspicious', 'probable', 'probably-spam', 'unsure', 'bulk']);

export const infomaniakSpamDecoder: SpamDecoder = {
  id: 'infomaniak',
  decode(headers: HeaderLookup) {
    const field = headers.first('X-Infomaniak-Spam');
    if (!field) return null;
    const value = field.unfolded.trim();
    const word = /^[a-z-]+/i.exec(value)?.[0]?.toLowerCase() ?? '';
    const scoreMatch = /(?:score\s*[=:]\s*)?(-?\d+(?:\.\d+)?)/i.exec(value);
    const score = scoreMatch ? Number(scoreMatch[1]) : null;

    let verdict: SpamVerdict = 'unknown';
    if (SPAM_WORDS.has(word)) verdict = 'spam';
    else if (SUSPICIOUS_WORDS.has(word)) verdict = 'suspicious';
    else if (CLEAN_WORDS.has(word)) verdict = 'clean';
    // The public rule matches /spam/ anywhere; "not spam"-like words are handled above.
    else if (/spam/i.test(value)) verdict = 'spam';

    const details: SpamDetail[] = [
      {
        label: reportText('hdr_spam_detail_verdict'),
        value,
        meaning: verdict === 'unknown' ? null : reportText(`hdr_spam_verdict_${verdict}`),
      },
    ];
    if (score !== null)
      details.push({ label: reportText('hdr_spam_detail_score'), value: String(score), meaning: null });
    return {
      name: reportText('hdr_spam_source_provider', 'Infomaniak'),
      verdict,
      score,
      threshold: null,
      details,
      headers: [field.name],
    };
  },
};

export const infomaniakHeaderOptions: HeaderAnalysisOptions = {
  trustedAuthservIds: INFOMANIAK_AUTHSERV_IDS,
  receivingHostPatterns: INFOMANIAK_RECEIVING_HOSTS,
  spamDecoders: [infomaniakSpamDecoder],
  lookalikeBrands: [...DEFAULT_LOOKALIKE_BRANDS, ...INFOMANIAK_BRANDS],
};
