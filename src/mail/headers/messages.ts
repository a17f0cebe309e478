/**
 * The i18n keys the header analyser can emit, and a formatter for contexts without chrome.i18n
 * (tests, the options page preview). Keeping the full list here lets a test check every key exists
 * in every locale, and the `HeaderMessageKey` type stops the analyser from emitting one that is not
 * listed.
 */
import type { AuthResult, ReportText, SpamVerdict, WarningCode } from './types';

const AUTH_RESULTS = [
  'pass',
  'fail',
  'softfail',
  'neutral',
  'none',
  'temperror',
  'permerror',
] as const satisfies readonly AuthResult[];
const SPAM_VERDICTS = ['spam', 'suspicious', 'clean', 'unknown'] as const satisfies readonly SpamVerdict[];

export const WARNING_CODES = [
  'dmarc_fail',
  'dkim_fail',
  'spf_fail',
  'spf_softfail',
  'forged_auth_results',
  'return_path_differs',
  'reply_to_differs',
  'display_name_address',
  'encoded_address',
  'hidden_characters',
  'lookalike_brand',
  'lookalike_mixed_scripts',
  'lookalike_confusable',
  'punycode_domain',
  'missing_message_id',
  'missing_date',
  'hop_delay',
  'date_in_future',
  'hop_in_future',
  'clock_skew',
  'unsigned',
  'risky_file_hidden_characters',
  'risky_file_lookalike_characters',
  'risky_file_double_extension',
  'risky_file_executable',
  'risky_file_shortcut',
  'risky_file_disk_image',
  'risky_file_macro_document',
] as const satisfies readonly WarningCode[];

const VERDICT_KEYS = [
  'hdr_verdict_lookalike',
  'hdr_verdict_name_claims',
  'hdr_verdict_risky_file',
  'hdr_verdict_forged',
  'hdr_verdict_errors',
  'hdr_verdict_spam',
  'hdr_verdict_risky_file_maybe',
  'hdr_verdict_warnings',
  'hdr_verdict_unchecked',
  'hdr_verdict_signed',
  'hdr_verdict_not_confirmed',
  'hdr_passed_lookalike',
  'hdr_passed_not_claimed',
] as const;

/** Verdict reasons: which results each mechanism has its own sentence for. */
export const REASON_RESULTS = {
  spf: AUTH_RESULTS,
  dkim: ['pass', 'fail', 'neutral', 'none', 'temperror', 'permerror'],
  dmarc: ['pass', 'fail', 'none', 'temperror', 'permerror'],
  arc: ['pass', 'fail', 'none'],
} as const satisfies Record<string, readonly AuthResult[]>;

const SPAM_KEYS = [
  'hdr_spam_source_spamassassin',
  'hdr_spam_source_microsoft',
  'hdr_spam_source_rspamd',
  'hdr_spam_source_provider',
  'hdr_spam_detail_status',
  'hdr_spam_detail_score',
  'hdr_spam_detail_threshold',
  'hdr_spam_detail_rules',
  'hdr_spam_detail_level',
  'hdr_spam_detail_flag',
  'hdr_spam_detail_action',
  'hdr_spam_detail_verdict',
  'hdr_spam_detail_routing',
  'hdr_spam_detail_other',
  'hdr_spam_meaning_flagged',
  'hdr_spam_meaning_not_flagged',
  'hdr_spam_meaning_score_over',
  'hdr_spam_meaning_score_under',
  'hdr_spam_meaning_sent_through_provider',
  'hdr_spam_ms_cip',
  'hdr_spam_ms_ctry',
  'hdr_spam_ms_lang',
  'hdr_spam_ms_scl',
  'hdr_spam_ms_sfv',
  'hdr_spam_ms_ipv',
  'hdr_spam_ms_h',
  'hdr_spam_ms_ptr',
  'hdr_spam_ms_cat',
  'hdr_spam_ms_srv',
  'hdr_spam_ms_sfty',
  'hdr_spam_ms_dir',
  'hdr_spam_ms_bcl',
  'hdr_spam_ms_pcl',
  'hdr_spam_ms_sfs',
  'hdr_spam_sfv_spm',
  'hdr_spam_sfv_sks',
  'hdr_spam_sfv_nspm',
  'hdr_spam_sfv_blk',
  'hdr_spam_sfv_ska',
  'hdr_spam_sfv_skb',
  'hdr_spam_sfv_skn',
  'hdr_spam_sfv_ski',
  'hdr_spam_sfv_skq',
  'hdr_spam_sfv_sfe',
  'hdr_spam_ipv_cal',
  'hdr_spam_ipv_nli',
  'hdr_spam_scl_skipped',
  'hdr_spam_scl_clean',
  'hdr_spam_scl_low',
  'hdr_spam_scl_spam',
  'hdr_spam_scl_high',
  'hdr_spam_cat_bulk',
  'hdr_spam_cat_dimp',
  'hdr_spam_cat_gimp',
  'hdr_spam_cat_hphsh',
  'hdr_spam_cat_hspm',
  'hdr_spam_cat_malw',
  'hdr_spam_cat_phsh',
  'hdr_spam_cat_spm',
  'hdr_spam_cat_spoof',
  'hdr_spam_cat_uimp',
  'hdr_spam_cat_amp',
  'hdr_spam_cat_sap',
  'hdr_spam_cat_ospm',
  'hdr_spam_cat_none',
  'hdr_spam_bcl_none',
  'hdr_spam_bcl_low',
  'hdr_spam_bcl_mixed',
  'hdr_spam_bcl_high',
  'hdr_spam_dir_inb',
  'hdr_spam_dir_out',
  'hdr_spam_dir_int',
  'hdr_spam_srv_bulk',
  'hdr_spam_sfty_domain_impersonation',
  'hdr_spam_sfty_user_impersonation',
  'hdr_spam_sfty_first_contact',
  'hdr_spam_rspamd_action_no_action',
  'hdr_spam_rspamd_action_greylist',
  'hdr_spam_rspamd_action_add_header',
  'hdr_spam_rspamd_action_rewrite_subject',
  'hdr_spam_rspamd_action_soft_reject',
  'hdr_spam_rspamd_action_reject',
] as const;

const OTHER_KEYS = [
  'hdr_ar_ignored_no_authserv_id',
  'hdr_ar_ignored_untrusted',
  'hdr_ar_ignored_below_entry',
  'hdr_ar_ignored_entry_unknown',
  'hdr_reason_other_result',
  'hdr_reason_spf_received_spf',
  'hdr_reason_spf_not_checked',
  'hdr_reason_dkim_unsigned',
  'hdr_reason_dkim_unverified',
  'hdr_dkim_body_unchanged',
  'hdr_dkim_body_unchanged_prefix',
  'hdr_dkim_body_changed',
  'hdr_dkim_body_unchecked',
  'hdr_dkim_body_too_large',
  'hdr_dkim_body_note',
  'hdr_reason_dmarc_not_checked',
  'hdr_reason_arc_unverified',
  'hdr_reason_arc_absent',
] as const;

type ReasonKey = {
  [M in keyof typeof REASON_RESULTS]: `hdr_reason_${M}_${(typeof REASON_RESULTS)[M][number]}`;
}[keyof typeof REASON_RESULTS];

export type HeaderMessageKey =
  | `hdr_result_${AuthResult}`
  | `hdr_spam_verdict_${SpamVerdict}`
  | `hdr_warning_${WarningCode}`
  | ReasonKey
  | (typeof SPAM_KEYS)[number]
  | (typeof VERDICT_KEYS)[number]
  | (typeof OTHER_KEYS)[number];

/** Every key the analyser can emit (plus the words for its enums), for the locale completeness test. */
export const HEADER_MESSAGE_KEYS: readonly HeaderMessageKey[] = [
  ...AUTH_RESULTS.map((result) => `hdr_result_${result}` as const),
  ...SPAM_VERDICTS.map((verdict) => `hdr_spam_verdict_${verdict}` as const),
  ...WARNING_CODES.map((code) => `hdr_warning_${code}` as const),
  ...Object.entries(REASON_RESULTS).flatMap(([mechanism, results]) =>
    results.map((result) => `hdr_reason_${mechanism}_${result}` as ReasonKey),
  ),
  ...SPAM_KEYS,
  ...VERDICT_KEYS,
  ...OTHER_KEYS,
];

export function reportText(key: HeaderMessageKey, ...substitutions: string[]): ReportText {
  return { key, substitutions };
}

/** Chrome's messages.json shape: only `message` is needed here. */
export type LocaleMessages = Record<string, { message: string }>;

/**
 * Formats a message the way chrome.i18n.getMessage does for positional placeholders: $1..$9 take the
 * substitutions, "$$" is a literal "$". A missing key yields the key itself, so a gap is visible.
 */
export function formatReportMessage(
  messages: LocaleMessages,
  key: string,
  substitutions: readonly string[] = [],
): string {
  const template = messages[key]?.message ?? key;
  return template.replace(/\$(\$|[1-9])/g, (_, which: string) =>
    which === '$' ? '$' : (substitutions[Number(which) - 1] ?? ''),
  );
}
