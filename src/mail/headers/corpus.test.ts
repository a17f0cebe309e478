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
});
