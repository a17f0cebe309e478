import { describe, expect, it } from 'vitest';
import { analyseHeaders } from './analyse';
import type { HeaderAnalysisOptions, SpamDecoder } from './types';

const analyse = (lines: string[], options: HeaderAnalysisOptions = {}) =>
  analyseHeaders(`${lines.join('\r\n')}\r\n\r\n`, options);
const finding = (lines: string[], decoder: string) =>
  analyse(lines).spam.findings.find((item) => item.decoder === decoder);

describe('SpamAssassin', () => {
  it('reads status, score, threshold and rules', () => {
    const result = finding(
      [
        'X-Spam-Flag: YES',
        'X-Spam-Score: 7.3',
        'X-Spam-Level: *******',
        'X-Spam-Status: Yes, score=7.3 required=5.0 tests=BAYES_99,HTML_MESSAGE,\r\n\tRDNS_NONE,URIBL_ABUSE_SURBL autolearn=no autolearn_force=no version=3.4.6',
      ],
      'spamassassin',
    );
    expect(result).toMatchObject({
      verdict: 'spam',
      score: 7.3,
      threshold: 5,
      headers: ['X-Spam-Status', 'X-Spam-Flag', 'X-Spam-Score', 'X-Spam-Level'],
    });
    expect(result?.details).toEqual([
      {
        label: { key: 'hdr_spam_detail_status', substitutions: [] },
        value: 'yes',
        meaning: { key: 'hdr_spam_meaning_flagged', substitutions: [] },
      },
      {
        label: { key: 'hdr_spam_detail_score', substitutions: [] },
        value: '7.3',
        meaning: { key: 'hdr_spam_meaning_score_over', substitutions: ['5'] },
      },
      { label: { key: 'hdr_spam_detail_threshold', substitutions: [] }, value: '5', meaning: null },
      {
        label: { key: 'hdr_spam_detail_rules', substitutions: [] },
        value: 'BAYES_99, HTML_MESSAGE, RDNS_NONE, URIBL_ABUSE_SURBL',
        meaning: null,
      },
      { label: { key: 'hdr_spam_detail_level', substitutions: [] }, value: '*******', meaning: null },
    ]);
  });

  it('calls a clean message clean and a near-threshold one suspicious', () => {
    expect(
      finding(['X-Spam-Status: No, score=-0.1 required=5.0 tests=DKIM_SIGNED,DKIM_VALID'], 'spamassassin')?.verdict,
    ).toBe('clean');
    expect(finding(['X-Spam-Status: No, hits=3.9 required=5.0 tests=FREEMAIL_FROM'], 'spamassassin')?.verdict).toBe(
      'suspicious',
    );
  });

  it('works from the score or star bar alone', () => {
    expect(finding(['X-Spam-Score: 12.0'], 'spamassassin')).toMatchObject({ verdict: 'spam', score: 12 });
    expect(finding(['X-Spam-Level: **'], 'spamassassin')).toMatchObject({ verdict: 'clean', score: 2 });
    expect(finding(['X-Spam-Flag: NO'], 'spamassassin')?.verdict).toBe('clean');
  });
});

describe('Microsoft', () => {
  it('decodes X-Forefront-Antispam-Report fields into words', () => {
    const result = finding(
      [
        'X-Forefront-Antispam-Report: CIP:2001:db8::25;CTRY:CH;LANG:de;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:mail.example.org;PTR:mail.example.org;CAT:NONE;SFS:(13230031)(4636009);DIR:INB;',
        'X-Microsoft-Antispam: BCL:0;ARA:13230031;',
      ],
      'microsoft',
    );
    expect(result).toMatchObject({ verdict: 'clean', score: 1, threshold: 5 });
    const byKey = Object.fromEntries(
      result?.details.map((detail) => [detail.label.key, [detail.value, detail.meaning?.key ?? null]]) ?? [],
    );
    expect(byKey).toMatchObject({
      hdr_spam_ms_cip: ['2001:db8::25', null],
      hdr_spam_ms_ctry: ['CH', null],
      hdr_spam_ms_lang: ['de', null],
      hdr_spam_ms_scl: ['1', 'hdr_spam_scl_clean'],
      hdr_spam_ms_ipv: ['NLI', 'hdr_spam_ipv_nli'],
      hdr_spam_ms_sfv: ['NSPM', 'hdr_spam_sfv_nspm'],
      hdr_spam_ms_h: ['mail.example.org', null],
      hdr_spam_ms_ptr: ['mail.example.org', null],
      hdr_spam_ms_cat: ['NONE', 'hdr_spam_cat_none'],
      hdr_spam_ms_sfs: ['(13230031)(4636009)', null],
      hdr_spam_ms_dir: ['INB', 'hdr_spam_dir_inb'],
      hdr_spam_ms_bcl: ['0', 'hdr_spam_bcl_none'],
    });
    // ARA is internal noise from X-Microsoft-Antispam, not shown.
    expect(result?.details.some((detail) => detail.value === '13230031')).toBe(false);
  });

  it.each([
    ['SFV:SPM;SCL:5;CAT:SPM', 'spam', 'hdr_spam_sfv_spm'],
    ['SFV:SKS;SCL:9', 'spam', 'hdr_spam_sfv_sks'],
    ['SFV:BLK;SCL:6', 'spam', 'hdr_spam_sfv_blk'],
    ['SFV:SKA;SCL:-1', 'clean', 'hdr_spam_sfv_ska'],
    ['SFV:NSPM;SCL:1;CAT:PHSH', 'spam', 'hdr_spam_sfv_nspm'],
    ['SFV:NSPM;SCL:1;SRV:BULK', 'suspicious', 'hdr_spam_sfv_nspm'],
  ])('%s → %s', (report, verdict, sfvMeaning) => {
    const result = finding([`X-Forefront-Antispam-Report: ${report}`], 'microsoft');
    expect(result?.verdict).toBe(verdict);
    expect(result?.details.find((detail) => detail.label.key === 'hdr_spam_ms_sfv')?.meaning?.key).toBe(sfvMeaning);
  });

  it('treats a high bulk complaint level as suspicious and reads the organisation SCL', () => {
    expect(finding(['X-Microsoft-Antispam: BCL:8;'], 'microsoft')).toMatchObject({ verdict: 'suspicious' });
    expect(finding(['X-MS-Exchange-Organization-SCL: 9'], 'microsoft')).toMatchObject({ verdict: 'spam', score: 9 });
  });
});

describe('Rspamd', () => {
  it('reads the action, the flag and the symbols', () => {
    const result = finding(
      [
        'X-Spamd-Result: default: False [2.40 / 15.00];\r\n\tR_SPF_ALLOW(-0.20)[+ip4:192.0.2.0/24];\r\n\tDKIM_TRACE(0.00)[example.org:+];\r\n\tMIME_HTML_ONLY(0.20)[]',
        'X-Rspamd-Action: no action',
      ],
      'rspamd',
    );
    expect(result).toMatchObject({ verdict: 'clean', score: 2.4, threshold: 15 });
    expect(result?.details.map((detail) => [detail.label.key, detail.value])).toEqual([
      ['hdr_spam_detail_action', 'no action'],
      ['hdr_spam_detail_status', 'False'],
      ['hdr_spam_detail_score', '2.4'],
      ['hdr_spam_detail_threshold', '15'],
      ['hdr_spam_detail_rules', 'R_SPF_ALLOW, DKIM_TRACE, MIME_HTML_ONLY'],
    ]);
    expect(finding(['X-Rspamd-Action: add header'], 'rspamd')?.verdict).toBe('spam');
    expect(finding(['X-Spamd-Result: default: True [16.00 / 15.00]'], 'rspamd')?.verdict).toBe('spam');
  });
});

describe('combining findings', () => {
  const receiving: HeaderAnalysisOptions = { receivingHostPatterns: [/\.example\.net$/] };
  const entry =
    'Received: from mail.example.org (mail.example.org [192.0.2.1]) by mx.example.net; Tue, 2 Jan 2024 10:11:12 +0100';

  it('takes the worst verdict and says which headers the receiving side added', () => {
    const report = analyse(
      ['X-Spam-Status: Yes, score=9.0 required=5.0', entry, 'X-Spam-Flag: NO', 'From: a@example.org'],
      receiving,
    );
    expect(report.spam.verdict).toBe('spam');
    expect(report.spam.findings[0]?.addedByReceivingSide).toBe(true);
  });

  it('does not let a sender-written "clean" header decide the verdict', () => {
    const report = analyse([entry, 'X-Spam-Status: No, score=-5.0 required=5.0', 'From: a@example.org'], receiving);
    expect(report.spam.findings[0]).toMatchObject({ verdict: 'clean', addedByReceivingSide: false });
    expect(report.spam.verdict).toBe('unknown');
  });

  it('runs extra decoders and survives one that throws', () => {
    const custom: SpamDecoder = {
      id: 'custom',
      decode: (headers) =>
        headers.first('X-Custom-Filter')
          ? {
              name: { key: 'hdr_spam_source_provider', substitutions: ['Custom'] },
              verdict: 'suspicious',
              score: null,
              threshold: null,
              details: [],
              headers: ['X-Custom-Filter'],
            }
          : null,
    };
    const broken: SpamDecoder = {
      id: 'broken',
      decode: () => {
        throw new Error('bug in a plug-in');
      },
    };
    const report = analyse(['X-Custom-Filter: hmm', 'From: a@example.org'], { spamDecoders: [broken, custom] });
    expect(report.spam.findings.map((item) => item.decoder)).toEqual(['custom']);
    expect(report.spam.verdict).toBe('suspicious');
  });

  it('is unknown without any spam header', () => {
    expect(analyse(['From: a@example.org']).spam).toEqual({ verdict: 'unknown', findings: [] });
  });
});

describe('words that are also Object.prototype property names', () => {
  it('are treated as unknown words, never as lookups into Object.prototype', () => {
    const report = analyseHeaders(
      [
        'Authentication-Results: mx.example.net; spf=constructor smtp.mailfrom=a@example.org; dkim=__proto__ header.d=example.org; dmarc=toString',
        'Received: from a.example (a.example [192.0.2.1]) by mx.example.net; Tue, 2 Jan 2024 10:00:00 constructor',
        'X-Rspamd-Action: constructor',
        'X-Forefront-Antispam-Report: SFV:CONSTRUCTOR;CAT:__PROTO__;constructor:1',
        'From: a@example.org',
        'Date: Tue, 2 Jan 2024 10:00:00 constructor',
        '',
        '',
      ].join('\r\n'),
      { trustedAuthservIds: ['mx.example.net'], receivingHostPatterns: [/\.example\.net$/] },
    );
    expect(report.summary.date).toMatchObject({ offsetMinutes: null, epochMs: Date.parse('2024-01-02T10:00:00Z') });
    expect(report.hops.hops[0]?.date?.offsetMinutes).toBeNull();
    const { verdicts } = report.authentication;
    expect([verdicts.spf.result, verdicts.dkim.result, verdicts.dmarc.result]).toEqual([
      'neutral',
      'neutral',
      'neutral',
    ]);
    expect(verdicts.spf.reason).toEqual({
      key: 'hdr_reason_other_result',
      substitutions: ['constructor', 'mx.example.net'],
    });
    expect(report.spam.findings.map((finding) => [finding.decoder, finding.verdict])).toEqual([
      ['microsoft', 'unknown'],
      ['rspamd', 'unknown'],
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
