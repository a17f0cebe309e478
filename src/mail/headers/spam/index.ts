/**
 * Runs every spam decoder (built-in, then the caller's) and combines their verdicts. A decoder that
 * throws is skipped: a plug-in's bug must not cost the user the rest of the report.
 */
import type { Arrival } from '../hops';
import type { HeaderLookup, SpamDecoder, SpamFinding, SpamReport, SpamVerdict } from '../types';
import { microsoftDecoder } from './microsoft';
import { rspamdDecoder } from './rspamd';
import { spamAssassinDecoder } from './spamassassin';

export const BUILT_IN_SPAM_DECODERS: readonly SpamDecoder[] = [spamAssassinDecoder, microsoftDecoder, rspamdDecoder];

const VERDICT_WEIGHT: Record<SpamVerdict, number> = { unknown: 0, clean: 1, suspicious: 2, spam: 3 };

export function analyseSpam(
  headers: HeaderLookup,
  arrival: Arrival | null,
  extraDecoders: readonly SpamDecoder[],
): SpamReport {
  const findings: SpamFinding[] = [];
  for (const decoder of [...BUILT_IN_SPAM_DECODERS, ...extraDecoders]) {
    let decoded: ReturnType<SpamDecoder['decode']>;
    try {
      decoded = decoder.decode(headers);
    } catch {
      continue;
    }
    if (!decoded) continue;
    findings.push({
      decoder: decoder.id,
      ...decoded,
      addedByReceivingSide: addedByReceivingSide(headers, decoded.headers, arrival),
    });
  }
  // Headers already in the message on arrival may be the sender's own claim ("X-Spam-Status: No").
  const counted = findings.filter((finding) => finding.addedByReceivingSide !== false);
  const verdict = counted.reduce<SpamVerdict>(
    (worst, finding) => (VERDICT_WEIGHT[finding.verdict] > VERDICT_WEIGHT[worst] ? finding.verdict : worst),
    'unknown',
  );
  return { verdict, findings };
}

/**
 * Spam headers count as the receiving side's only above its entry line. Unlike Authentication-Results they name no
 * writer, and the relay that handed the message over writes its own headers just above its Received line, which is
 * directly below the entry line.
 */
function addedByReceivingSide(
  headers: HeaderLookup,
  names: readonly string[],
  arrival: Arrival | null,
): boolean | null {
  if (arrival === null) return null;
  const indexes = names
    .map((name) => headers.first(name)?.index)
    .filter((index): index is number => index !== undefined);
  if (indexes.length === 0) return null;
  return Math.min(...indexes) < arrival.entryHeaderIndex;
}
