/**
 * The trace headers Infomaniak's servers add, as far as public sources show them (see src/ksuite/header-defaults.ts):
 * inbound MX mta-gw.infomaniak.ch running Postfix, outbound relays smtp-*.mail.infomaniak.ch, internal hops on
 * 2001:1600:: without a looked-up name, `X-Infomaniak-Spam: ham|spam`, and `X-Infomaniak-Routing: alpha` at the end
 * of the header block of mail that went out through Infomaniak.
 *
 * Postfix hides its own Received line from milters, so the milter's Authentication-Results and Received-SPF land
 * directly BELOW the entry hop's Received line. STILL GUESSED: the authserv-id (the MX host name, as Postfix milters
 * use by default), the filter hop that hands the message back from localhost, and where X-Infomaniak-Spam sits.
 *
 * Shape, newest first:
 *   Received: from localhost … by mta-gw.infomaniak.ch (Postfix) with ESMTP …    <- back from the content filter
 *   X-Infomaniak-Spam: ham|spam
 *   Received: from <sender> … by mta-gw.infomaniak.ch (Postfix) with ESMTPS …    <- entry into Infomaniak
 *   Authentication-Results: mta-gw.infomaniak.ch; …
 *   Received-SPF: …
 * and, for a sender who is on Infomaniak too, its outbound relays below instead of a foreign sender:
 *   Received: from smtp-4-0000.mail.infomaniak.ch (unknown [IPv6:2001:1600:…]) by smtp-4-3000.mail.infomaniak.ch …
 *   Received: from unknown by smtp-4-0000.mail.infomaniak.ch (Postfix) with ESMTPA …   <- entry: the sender's client
 * Everything below the sender's own Received lines was written by someone else and proves nothing.
 */

import { isoUtc, mailDate, swissZone } from './dates.ts';
import { postfixQueueId } from './tokens.ts';

export const INFOMANIAK_MX = 'mta-gw.infomaniak.ch';

/** Appended at the end of the header block by Infomaniak's outbound relays. */
export const INFOMANIAK_ROUTING = 'X-Infomaniak-Routing: alpha';

interface ArrivalBase {
  /** Label for stable queue ids (the message slug). */
  label: string;
  recipient: string;
  /** Local Swiss time of the entry hop; the filter hands the message back one second later. */
  at: string;
  /** One method result per entry, e.g. 'spf=pass smtp.mailfrom=x@y.example'. */
  authResults: string[];
  receivedSpf?: string;
  spam?: 'ham' | 'spam';
}

export type Arrival = ArrivalBase &
  (
    | {
        /** The `from` clause of the entry hop, e.g. 'mail.x.example (mail.x.example [203.0.113.25])'. */
        from: string;
        /** Omit for a sender that did not use STARTTLS. */
        protocol?: 'ESMTPS' | 'ESMTP';
      }
    | {
        /**
         * The sender is on Infomaniak too: its client handed the message to Infomaniak's outbound relays two seconds
         * before `at`. The caller appends `trailer` at the end of its own headers.
         */
        sentThroughInfomaniak: true;
      }
  );

function secondsLater(local: string, seconds: number): string {
  const offset = local.slice(19);
  const shifted = new Date(new Date(local).getTime() + seconds * 1000 + offsetMinutes(offset) * 60_000);
  return `${shifted.toISOString().slice(0, 19)}${offset}`;
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

/**
 * The arrival headers (newest first, to go right below Return-Path), the headers to append at the end of the block
 * (`trailer`), and the matching internal date.
 */
export function infomaniakArrival(arrival: Arrival): { headers: string[]; trailer: string[]; internalDate: string } {
  const handedBack = secondsLater(arrival.at, 1);
  const date = (local: string): string => mailDate(local, { padDay: 'space', zoneComment: swissZone(local) });
  const outbound = 'sentThroughInfomaniak' in arrival;
  const headers = [
    `Received: from localhost (localhost [127.0.0.1])
\tby ${INFOMANIAK_MX} (Postfix) with ESMTP id ${postfixQueueId(`${arrival.label}:filter`)}
\tfor <${arrival.recipient}>; ${date(handedBack)}`,
  ];
  if (arrival.spam) headers.push(`X-Infomaniak-Spam: ${arrival.spam}`);
  const from = outbound
    ? 'smtp-4-3000.mail.infomaniak.ch (smtp-4-3000.mail.infomaniak.ch [2001:1600:4:17::1f])'
    : arrival.from;
  const protocol = outbound ? 'ESMTPS' : (arrival.protocol ?? 'ESMTPS');
  headers.push(`Received: from ${from}
\tby ${INFOMANIAK_MX} (Postfix) with ${protocol} id ${postfixQueueId(`${arrival.label}:entry`)}
\tfor <${arrival.recipient}>; ${date(arrival.at)}`);
  headers.push(`Authentication-Results: ${INFOMANIAK_MX};\n\t${arrival.authResults.join(';\n\t')}`);
  if (arrival.receivedSpf) headers.push(`Received-SPF: ${arrival.receivedSpf}`);
  if (outbound) {
    headers.push(
      `Received: from smtp-4-0000.mail.infomaniak.ch (unknown [IPv6:2001:1600:7:10::a6b])
\tby smtp-4-3000.mail.infomaniak.ch (Postfix) with ESMTPS id ${postfixQueueId(`${arrival.label}:relay`)};
\t${date(secondsLater(arrival.at, -1))}`,
      `Received: from unknown by smtp-4-0000.mail.infomaniak.ch (Postfix) with ESMTPA id ${postfixQueueId(`${arrival.label}:submission`)};
\t${date(secondsLater(arrival.at, -2))}`,
    );
  }
  return { headers, trailer: outbound ? [INFOMANIAK_ROUTING] : [], internalDate: isoUtc(handedBack) };
}
