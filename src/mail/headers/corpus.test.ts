import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../../tests/replica/corpus/index.ts';
import { infomaniakHeaderOptions } from '../../ksuite/header-defaults';
import { MailError } from '../errors';
import { analyseHeaders } from './analyse';

describe('replica corpus', () => {
  const corpus = buildCorpus();

  it.each(corpus.map((message) => [message.id, message] as const))('%s analyses without throwing', (_, message) => {
    let report;
    try {
      report = analyseHeaders(message.raw, { ...infomaniakHeaderOptions, now: new Date(message.internalDate) });
    } catch (error) {
      // A message without any header field may be refused, but only in the documented way.
      expect(error).toBeInstanceOf(MailError);
      return;
    }
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    if (message.expect.subject !== undefined && !message.expect.malformed) {
      expect(report.summary.subject).toBe(message.expect.subject);
    }
  });

  const arrivedThroughInfomaniak = corpus.filter((message) =>
    new TextDecoder().decode(message.raw.slice(0, 20_000)).includes('by mta-gw.infomaniak.ch'),
  );

  it.each(arrivedThroughInfomaniak.map((message) => [message.id, message] as const))(
    "%s: Infomaniak's results directly below its entry hop count",
    (_, message) => {
      const report = analyseHeaders(message.raw, { ...infomaniakHeaderOptions, now: new Date(message.internalDate) });
      const own = report.authentication.resultsHeaders.filter((header) => header.authservId === 'mta-gw.infomaniak.ch');
      expect(own[0]?.trusted).toBe(true);
      expect(report.hops.hops.filter((hop) => hop.entry)).toHaveLength(1);
    },
  );

  it("a message sent from kSuite enters Infomaniak at the sender's client and says it went out through Infomaniak", () => {
    const message = corpus.find((candidate) => candidate.id === 'archive-thanks-8bit')!;
    const report = analyseHeaders(message.raw, { ...infomaniakHeaderOptions, now: new Date(message.internalDate) });
    expect(report.hops.hops.find((hop) => hop.entry)).toMatchObject({
      from: 'unknown',
      byHost: 'smtp-4-0000.mail.infomaniak.ch',
    });
    expect(report.authentication.verdicts.dmarc.result).toBe('pass');
    const finding = report.spam.findings.find((item) => item.decoder === 'infomaniak');
    expect(finding?.details.map((detail) => [detail.label.key, detail.value])).toEqual([
      ['hdr_spam_detail_verdict', 'ham'],
      ['hdr_spam_detail_routing', 'alpha'],
    ]);
  });
});
