/**
 * What the header analyser needs to know about Infomaniak's own mail servers.
 *
 * From Infomaniak's open-source mail apps and raw messages in public archives:
 * - inbound MX is mta-gw.infomaniak.ch; outbound relays are smtp-*.mail.infomaniak.ch (Postfix), and a message
 *   passes several of them, e.g. "from unknown by smtp-4-0000.mail.infomaniak.ch with ESMTPA", then
 *   "from smtp-4-0000.mail.infomaniak.ch (unknown [IPv6:2001:1600:7:10::a6b]) by smtp-4-3000.mail.infomaniak.ch";
 * - internal hops use 10.x addresses (private, so always inside) and 2001:1600:: addresses, often with no looked-up
 *   name ("unknown"), so only the address tells them from the outside;
 * - X-Infomaniak-Spam is exactly "spam" or "ham" (android-kMail HeadersSpamBooleanSerializer, iOS Message.isSpam);
 * - mail sent through Infomaniak carries "X-Infomaniak-Routing: alpha", appended at the end of the header block;
 * - Infomaniak's SPF record is include:spf.infomaniak.ch.
 * STILL A GUESS: the authserv-id of Infomaniak's inbound Authentication-Results. It is most likely one of its host
 * names (Postfix milters use the host name), hence the wildcards over its domains. Nothing else in the code knows
 * these names.
 */
import { DEFAULT_LOOKALIKE_BRANDS, reportText } from '../mail/headers';
import type { HeaderAnalysisOptions, HeaderLookup, SpamDecoder, SpamDetail, SpamVerdict } from '../mail/headers';

/** Guessed (see above): the inbound authserv-id has not been seen. */
export const INFOMANIAK_AUTHSERV_IDS: readonly string[] = ['*.infomaniak.ch', '*.infomaniak.com'];

/** Every mail host seen so far is under infomaniak.ch (mta-gw, smtp-*.mail, internal relays). */
export const INFOMANIAK_RECEIVING_HOSTS: readonly RegExp[] = [/(?:^|\.)infomaniak\.ch\.?$/i];

/**
 * The IPv6 prefix of Infomaniak's internal hops. The /32 width is assumed (2001:1600:… is all that was seen); 10.x
 * needs no entry, private addresses always count as inside.
 */
export const INFOMANIAK_NETWORKS: readonly string[] = ['2001:1600::/32'];

/** Infomaniak's products are imitated in phishing aimed at its customers. */
const INFOMANIAK_BRANDS = ['infomaniak', 'ksuite', 'kdrive', 'kmeet', 'swisstransfer'];

const PROVIDER = 'Infomaniak';

/** The two values Infomaniak's own apps know; anything else is shown as written, with no verdict. */
const SPAM_VALUES = new Map<string, SpamVerdict>([
  ['spam', 'spam'],
  ['ham', 'clean'],
]);

/**
 * X-Infomaniak-Spam (the filter's verdict) and X-Infomaniak-Routing (present on mail that went out through
 * Infomaniak's servers), shown together as what Infomaniak's headers say.
 */
export const infomaniakSpamDecoder: SpamDecoder = {
  id: 'infomaniak',
  decode(headers: HeaderLookup) {
    const spam = headers.first('X-Infomaniak-Spam');
    const routing = headers.first('X-Infomaniak-Routing');
    if (!spam && !routing) return null;

    let verdict: SpamVerdict = 'unknown';
    const details: SpamDetail[] = [];
    if (spam) {
      const value = spam.unfolded.trim();
      verdict = SPAM_VALUES.get(value.toLowerCase()) ?? 'unknown';
      details.push({
        label: reportText('hdr_spam_detail_verdict'),
        value,
        meaning: verdict === 'unknown' ? null : reportText(`hdr_spam_verdict_${verdict}`),
      });
    }
    if (routing) {
      details.push({
        label: reportText('hdr_spam_detail_routing'),
        value: routing.unfolded.trim(),
        meaning: reportText('hdr_spam_meaning_sent_through_provider', PROVIDER),
      });
    }
    return {
      name: reportText('hdr_spam_source_provider', PROVIDER),
      verdict,
      score: null,
      threshold: null,
      details,
      headers: [spam, routing].flatMap((field) => (field ? [field.name] : [])),
    };
  },
};

export const infomaniakHeaderOptions: HeaderAnalysisOptions = {
  trustedAuthservIds: INFOMANIAK_AUTHSERV_IDS,
  receivingHostPatterns: INFOMANIAK_RECEIVING_HOSTS,
  receivingNetworks: INFOMANIAK_NETWORKS,
  spamDecoders: [infomaniakSpamDecoder],
  lookalikeBrands: [...DEFAULT_LOOKALIKE_BRANDS, ...INFOMANIAK_BRANDS],
};
