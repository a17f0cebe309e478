/**
 * The headers Infomaniak's receiving side adds on arrival. GUESSED: the live service could not be inspected, so the
 * host names (`mta-NN.infomaniak.ch` for receiving hops, `mx.infomaniak.com` or `mta-gw.infomaniak.ch` as
 * authserv-id), the order of the added headers and the `X-Infomaniak-Spam` values ('ham' / 'spam') are modelled on
 * a common Postfix + filter setup, not copied from real Infomaniak mail.
 *
 * Shape, newest first:
 *   Received: from localhost … by mta-NN.infomaniak.ch (Postfix) with ESMTP …   <- back from the content filter
 *   X-Infomaniak-Spam: ham|spam
 *   Authentication-Results: mx.infomaniak.com; …
 *   Received-SPF: …
 *   Received: from <sender> … by mta-NN.infomaniak.ch (Postfix) with ESMTPS …   <- entry into Infomaniak
 * Everything below the entry hop was written by someone else and proves nothing.
 */

import { isoUtc, mailDate, swissZone } from './dates.ts';
import { postfixQueueId } from './tokens.ts';

export interface Arrival {
  /** Label for stable queue ids (the message slug). */
  label: string;
  recipient: string;
  /** The `from` clause of the entry hop, e.g. 'mail.x.example (mail.x.example [203.0.113.25])'. */
  from: string;
  /** Local Swiss time of the entry hop; the filter hands the message back one second later. */
  at: string;
  mta: number;
  /** One method result per entry, e.g. 'spf=pass smtp.mailfrom=x@y.example'. */
  authResults: string[];
  authservId?: 'mx.infomaniak.com' | 'mta-gw.infomaniak.ch';
  receivedSpf?: string;
  spam?: 'ham' | 'spam';
  /** Omit for a sender that did not use STARTTLS. */
  protocol?: 'ESMTPS' | 'ESMTP';
}

function oneSecondLater(local: string): string {
  const offset = local.slice(19);
  const shifted = new Date(new Date(local).getTime() + 1000 + offsetMinutes(offset) * 60_000);
  return `${shifted.toISOString().slice(0, 19)}${offset}`;
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

/** The arrival headers (newest first) and the matching internal date. */
export function infomaniakArrival(arrival: Arrival): { headers: string[]; internalDate: string } {
  const host = `mta-${String(arrival.mta).padStart(2, '0')}.infomaniak.ch`;
  const handedBack = oneSecondLater(arrival.at);
  const date = (local: string): string => mailDate(local, { padDay: 'space', zoneComment: swissZone(local) });
  const headers = [
    `Received: from localhost (localhost [127.0.0.1])
\tby ${host} (Postfix) with ESMTP id ${postfixQueueId(`${arrival.label}:filter`)}
\tfor <${arrival.recipient}>; ${date(handedBack)}`,
  ];
  if (arrival.spam) headers.push(`X-Infomaniak-Spam: ${arrival.spam}`);
  headers.push(
    `Authentication-Results: ${arrival.authservId ?? 'mx.infomaniak.com'};\n\t${arrival.authResults.join(';\n\t')}`,
  );
  if (arrival.receivedSpf) headers.push(`Received-SPF: ${arrival.receivedSpf}`);
  headers.push(`Received: from ${arrival.from}
\tby ${host} (Postfix) with ${arrival.protocol ?? 'ESMTPS'} id ${postfixQueueId(`${arrival.label}:entry`)}
\tfor <${arrival.recipient}>; ${date(arrival.at)}`);
  return { headers, internalDate: isoUtc(handedBack) };
}
