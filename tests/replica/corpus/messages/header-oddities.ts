/**
 * Header fields that change how a message is shown or handled: missing Message-ID, missing Date, a Date years in
 * the future, read-receipt requests, one-click unsubscribe, priority in its three spellings, and the usual
 * X-Mailer / User-Agent variety.
 */

import { isoUtc, mailDate } from '../dates.ts';
import { defineMessage } from '../define.ts';
import { dkimSignature } from '../dkim.ts';
import { encodeHeaderText } from '../header-encoding.ts';
import { infomaniakArrival } from '../infomaniak-trace.ts';
import { ANNA, LEA, SUPPORT } from '../mailboxes.ts';
import { multipart, textPart } from '../mime-builder.ts';
import {
  ANNA_MEIER,
  CLAIRE_DUBOIS,
  formatAddress,
  JONAS_KELLER,
  LEA_ROSSI,
  MARCO_BIANCHI,
  PETRA_MUELLER,
  SOFIA_KOWALSKI,
  SUPPORT_DESK,
  THOMAS_BRUNNER,
} from '../people.ts';
import { messageId } from '../tokens.ts';
import type { CorpusMessage } from '../types.ts';

function arrivalFor(label: string, recipient: string, at: string, senderDomain: string) {
  return infomaniakArrival({
    label,
    recipient,
    from: `mail.${senderDomain} (mail.${senderDomain} [203.0.113.60])`,
    at,
    authResults: [
      `dkim=pass header.d=${senderDomain}`,
      `spf=pass smtp.mailfrom=noreply@${senderDomain}`,
      `dmarc=pass header.from=${senderDomain}`,
    ],
    spam: 'ham',
  });
}

function noMessageId(): CorpusMessage {
  const id = 'no-message-id';
  const sent = '2026-09-11T16:40:00+02:00';
  const subject = 'Zählerablesung';
  const arrival = arrivalFor(id, ANNA, '2026-09-11T16:40:06+02:00', 'treuhand-mueller.example');
  return defineMessage({
    id,
    mailbox: ANNA,
    folder: 'Archive',
    seen: true,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      ...arrival.headers,
      `From: ${formatAddress(PETRA_MUELLER)}`,
      `To: ${formatAddress(ANNA_MEIER)}`,
      `Subject: ${encodeHeaderText(subject)}`,
      `Date: ${mailDate(sent)}`,
      // An old scanner-to-mail gateway that never writes a Message-ID.
      'X-Mailer: ScanStation 2.1',
    ],
    body: textPart('Zählerstand Strom: 48213 kWh\nZählerstand Wasser: 1204 m³\n'),
  });
}

function noDate(): CorpusMessage {
  const id = 'no-date';
  const subject = 'Alarm: Drucker 2. OG offline';
  const arrival = arrivalFor(id, SUPPORT, '2026-11-16T05:02:11+01:00', 'kunde-brunner.example');
  return defineMessage({
    id,
    mailbox: SUPPORT,
    folder: 'INBOX',
    seen: false,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      ...arrival.headers,
      'From: printer-2og@kunde-brunner.example',
      `To: ${SUPPORT}`,
      `Subject: ${subject}`,
      `Message-ID: ${messageId(id, 'kunde-brunner.example')}`,
    ],
    body: textPart('Device PRN-2OG-01 did not answer for 15 minutes.\n', { transfer: '7bit' }),
  });
}

function futureDate(): CorpusMessage {
  const id = 'future-date-2030';
  const subject = 'Wichtig: bitte zuerst lesen';
  const arrival = arrivalFor(id, LEA, '2026-11-18T09:15:03+01:00', 'bianchi-design.example');
  return defineMessage({
    id,
    mailbox: LEA,
    folder: 'INBOX',
    seen: false,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      ...arrival.headers,
      `From: ${formatAddress(MARCO_BIANCHI)}`,
      `To: ${formatAddress(LEA_ROSSI)}`,
      `Subject: ${subject}`,
      // Dated years ahead so it sorts first in a list ordered by Date; it arrived in November 2026.
      `Date: ${mailDate('2030-01-01T09:00:00+01:00')}`,
      `Message-ID: ${messageId(id, 'bianchi-design.example')}`,
    ],
    body: textPart('Questo messaggio porta una data nel futuro.\n'),
  });
}

function readReceipt(): CorpusMessage {
  const id = 'read-receipt-requested';
  const sent = '2026-10-02T11:11:11+02:00';
  const subject = 'Vertrag zur Unterschrift';
  const arrival = arrivalFor(id, ANNA, '2026-10-02T11:11:14+02:00', 'treuhand-mueller.example');
  return defineMessage({
    id,
    mailbox: ANNA,
    folder: 'INBOX',
    seen: false,
    flagged: true,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      ...arrival.headers,
      `From: ${formatAddress(PETRA_MUELLER)}`,
      `To: ${formatAddress(ANNA_MEIER)}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId(id, 'treuhand-mueller.example')}`,
      `Disposition-Notification-To: ${formatAddress(PETRA_MUELLER)}`,
      'Return-Receipt-To: p.mueller@treuhand-mueller.example',
      'X-Confirm-Reading-To: p.mueller@treuhand-mueller.example',
      'User-Agent: Microsoft-MacOutlook/16.89.24091630',
    ],
    body: textPart('Bitte bestätigen Sie den Empfang des Vertrags.\n'),
  });
}

function newsletterUnsubscribe(): CorpusMessage {
  const id = 'newsletter-list-unsubscribe';
  const sent = '2026-09-30T06:00:00+02:00';
  const subject = 'Baumarkt-News September: Herbstaktion';
  const arrival = infomaniakArrival({
    label: id,
    recipient: ANNA,
    from: 'mta-04.news-sender.example (mta-04.news-sender.example [198.51.100.180])',
    at: '2026-09-30T06:00:07+02:00',
    authResults: [
      'dkim=pass header.d=baumarkt-news.example header.s=nl',
      'dkim=pass header.d=news-sender.example header.s=esp',
      'spf=pass smtp.mailfrom=bounces-58213@news-sender.example',
      'dmarc=pass header.from=baumarkt-news.example',
    ],
    spam: 'ham',
  });
  return defineMessage({
    id,
    mailbox: ANNA,
    folder: 'Commercial',
    seen: false,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      'Return-Path: <bounces-58213@news-sender.example>',
      ...arrival.headers,
      dkimSignature({
        label: `${id}:nl`,
        domain: 'baumarkt-news.example',
        selector: 'nl',
        at: sent,
        signedHeaders: 'from:to:subject:date:message-id:list-unsubscribe:list-unsubscribe-post',
      }),
      dkimSignature({ label: `${id}:esp`, domain: 'news-sender.example', selector: 'esp', at: sent }),
      'From: Baumarkt News <news@baumarkt-news.example>',
      `To: ${ANNA}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId(id, 'baumarkt-news.example')}`,
      'List-Unsubscribe: <https://baumarkt-news.example/unsubscribe?u=58213&t=a1b2c3d4>,\n <mailto:unsubscribe-58213@news-sender.example?subject=unsubscribe>',
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
      'List-Id: Baumarkt News <news.baumarkt-news.example>',
      'Precedence: bulk',
      'X-Mailer: NewsSender 5.2',
    ],
    body: multipart('alternative', [
      textPart(
        'Herbstaktion: 20% auf alle Gartengeräte.\n\nAbmelden: https://baumarkt-news.example/unsubscribe?u=58213\n',
      ),
      textPart(
        '<html><body><h1>Herbstaktion</h1><p>20% auf alle Gartengeräte.</p><p><a href="https://baumarkt-news.example/unsubscribe?u=58213">Abmelden</a></p><img src="https://news-sender.example/open/58213.gif" width="1" height="1" alt=""></body></html>\n',
        { subtype: 'html' },
      ),
    ]),
  });
}

function priorityHigh(): CorpusMessage {
  const id = 'priority-high-outlook';
  const sent = '2026-11-11T07:45:00+01:00';
  const subject = 'DRINGEND: Wasserschaden Lager';
  const arrival = arrivalFor(id, SUPPORT, '2026-11-11T07:45:03+01:00', 'contoso-bau.example');
  return defineMessage({
    id,
    mailbox: SUPPORT,
    folder: 'INBOX',
    seen: false,
    flagged: true,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      ...arrival.headers,
      `From: ${formatAddress(SOFIA_KOWALSKI)}`,
      `To: ${formatAddress(SUPPORT_DESK)}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId(id, 'contoso-bau.example')}`,
      'X-Priority: 1 (Highest)',
      'X-MSMail-Priority: High',
      'Importance: high',
      'Priority: urgent',
      'X-Mailer: Microsoft Outlook 16.0',
    ],
    body: textPart('Im Lager ist Wasser eingetreten. Bitte sofort zurückrufen.\n'),
  });
}

function priorityLow(): CorpusMessage {
  const id = 'priority-low-apple-mail';
  const sent = '2026-09-25T20:05:00+02:00';
  const subject = 'Fotos vom Sommerfest';
  const arrival = arrivalFor(id, ANNA, '2026-09-25T20:05:04+02:00', 'baufirma-keller.example');
  return defineMessage({
    id,
    mailbox: ANNA,
    folder: 'Archive',
    seen: true,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      ...arrival.headers,
      `From: ${formatAddress(JONAS_KELLER)}`,
      `To: ${formatAddress(ANNA_MEIER)}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId(id, 'baufirma-keller.example')}`,
      'X-Priority: 5',
      'Importance: low',
      'X-Mailer: iPhone Mail (22A3354)',
    ],
    body: textPart('Die Fotos sind im geteilten Ordner.\n\nVon meinem iPhone gesendet\n'),
  });
}

function socialNotification(): CorpusMessage {
  const id = 'social-network-notification';
  const sent = '2026-10-24T18:30:00+02:00';
  const subject = 'Claire Dubois hat Ihren Beitrag kommentiert';
  const arrival = arrivalFor(id, ANNA, '2026-10-24T18:30:02+02:00', 'social-network.example');
  return defineMessage({
    id,
    mailbox: ANNA,
    folder: 'Social Networks',
    seen: false,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      ...arrival.headers,
      'From: Social Network <notification@social-network.example>',
      `To: ${formatAddress(ANNA_MEIER)}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId(id, 'social-network.example')}`,
      'List-Unsubscribe: <https://social-network.example/settings/notifications>',
    ],
    body: textPart(`<p>${CLAIRE_DUBOIS.name} hat Ihren Beitrag «Umbau Kirchgasse» kommentiert.</p>\n`, {
      subtype: 'html',
    }),
  });
}

function supportArchiveThread(): CorpusMessage {
  const sent = '2026-09-15T13:20:00+02:00';
  const subject = 'Bestellung Dübel – Bestätigung';
  return defineMessage({
    id: 'support-archive-confirmation',
    mailbox: SUPPORT,
    folder: 'Archive',
    seen: true,
    flagged: false,
    internalDate: isoUtc(sent),
    expect: { subject, attachments: [] },
    headers: [
      `From: ${formatAddress(SUPPORT_DESK)}`,
      `To: ${formatAddress(THOMAS_BRUNNER)}`,
      `Subject: ${encodeHeaderText(subject)}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('support-archive-confirmation', 'muster.example')}`,
      'User-Agent: Infomaniak Mail',
    ],
    body: textPart('Ihre Bestellung 4711 ist eingegangen und wird in 2–3 Tagen versendet.\n'),
  });
}

function leaDraft(): CorpusMessage {
  const written = '2026-11-19T22:48:00+01:00';
  const subject = 'Idee für das Logo';
  return defineMessage({
    id: 'lea-draft-no-recipient',
    mailbox: LEA,
    folder: 'Drafts',
    seen: true,
    flagged: false,
    internalDate: isoUtc(written),
    expect: { subject, attachments: [] },
    // A draft nobody was addressed yet: no To at all.
    headers: [
      `From: ${formatAddress(LEA_ROSSI)}`,
      `Subject: ${encodeHeaderText(subject)}`,
      `Date: ${mailDate(written)}`,
      `Message-ID: ${messageId('lea-draft-no-recipient', 'studio-rossi.example')}`,
    ],
    body: textPart(`Für ${CLAIRE_DUBOIS.name}: Variante mit Serifen ausprobieren?\n`),
  });
}

export function headerOddityMessages(): CorpusMessage[] {
  return [
    noMessageId(),
    noDate(),
    futureDate(),
    readReceipt(),
    newsletterUnsubscribe(),
    priorityHigh(),
    priorityLow(),
    socialNotification(),
    supportArchiveThread(),
    leaDraft(),
  ];
}
