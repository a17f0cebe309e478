/**
 * `analyseHeaders`: raw headers (or a whole message) in, a `HeaderReport` out.
 *
 * Only the header block is read, whatever the size of the message. The only error thrown is
 * MailError: 'empty_input', 'malformed_message' (no header field at all) or 'too_large'.
 */
import { decodeEncodedWords } from '../encoded-words';
import { MailError } from '../errors';
import { parseHeaderFields, splitHeaderBlock, unfoldHeaderBlock } from '../header-block';
import { domainOfAddress } from './addresses';
import { analyseAuthentication } from './authentication';
import { traceHops } from './hops';
import { DEFAULT_LOOKALIKE_BRANDS } from './lookalike';
import { createHeaderLookup } from './lookup';
import { analyseSpam } from './spam';
import { summariseHeaders } from './summary';
import type { HeaderAnalysisOptions, HeaderReport, RawHeaderField } from './types';
import { judgeReport } from './verdict';
import { collectWarnings } from './warnings';

export function analyseHeaders(input: string | Uint8Array, options: HeaderAnalysisOptions = {}): HeaderReport {
  if (input.length === 0) throw new MailError('empty_input');
  const { header } = splitHeaderBlock(input);
  const fields = parseHeaderFields(header);
  if (fields.length === 0) throw new MailError('malformed_message', 'no header fields found');

  const headers = createHeaderLookup(fields);
  const summary = summariseHeaders(headers);
  const { trace, arrival } = traceHops(headers.all('Received'), {
    hostPatterns: options.receivingHostPatterns ?? [],
    networks: options.receivingNetworks ?? [],
  });
  const from = summary.from[0];
  const authentication = analyseAuthentication({
    headers,
    arrival,
    trustedAuthservIds: options.trustedAuthservIds ?? [],
    fromDomain: from ? domainOfAddress(from.address) : null,
    returnPath: summary.returnPath,
  });
  const spam = analyseSpam(headers, arrival, options.spamDecoders ?? []);
  const lookalikeBrands = options.lookalikeBrands ?? DEFAULT_LOOKALIKE_BRANDS;
  const warnings = collectWarnings({
    summary,
    hops: trace,
    authentication,
    nowMs: (options.now ?? new Date()).getTime(),
    lookalikeBrands,
  });

  return {
    verdict: judgeReport({ summary, authentication, spam, warnings, lookalikeBrands }),
    summary,
    hops: trace,
    authentication,
    spam,
    warnings,
    raw: { header, unfolded: unfoldHeaderBlock(header), fields: fields.map(withDecodedValue) },
  };
}

function withDecodedValue(field: RawHeaderField): RawHeaderField {
  const decoded = decodeEncodedWords(field.unfolded);
  return decoded === field.unfolded ? { ...field } : { ...field, decoded };
}
