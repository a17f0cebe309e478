/**
 * Ordinary mail without attachments: plain text in several transfer encodings, HTML only, replies, drafts, sent
 * and archived copies. The baseline that everything else is a variation of.
 */

import { mailDate, isoUtc } from '../dates.ts';
import { defineMessage } from '../define.ts';
import { dkimSignature } from '../dkim.ts';
import { encodeHeaderText } from '../header-encoding.ts';
import { infomaniakArrival } from '../infomaniak-trace.ts';
import { ANNA, LEA, SUPPORT } from '../mailboxes.ts';
import { textPart } from '../mime-builder.ts';
import {
  ANNA_MEIER,
  CLAIRE_DUBOIS,
  formatAddress,
  formatAddresses,
  JONAS_KELLER,
  LEA_ROSSI,
  MARCO_BIANCHI,
  PETRA_MUELLER,
  SOFIA_KOWALSKI,
  SUPPORT_DESK,
  THOMAS_BRUNNER,
} from '../people.ts';
import { eximId, messageId } from '../tokens.ts';
import type { CorpusMessage } from '../types.ts';

const SITE_VISIT_SUBJECT = 'Termin für die Baustellenbesichtigung';
const SITE_VISIT_ID = messageId('plain-text-de', 'baufirma-keller.example');

function plainTextGerman(): CorpusMessage {
  const sent = '2026-10-06T09:12:41+02:00';
  const arrival = infomaniakArrival({
    label: 'plain-text-de',
    recipient: ANNA,
    from: 'smtp.baufirma-keller.example (smtp.baufirma-keller.example [203.0.113.10])',
    at: '2026-10-06T09:12:44+02:00',
    authResults: [
      'dkim=pass (2048-bit key) header.d=baufirma-keller.example header.i=@baufirma-keller.example header.b="Qm9mZXJ0"',
      'spf=pass (mta-gw.infomaniak.ch: domain of jonas.keller@baufirma-keller.example designates 203.0.113.10 as permitted sender) smtp.mailfrom=jonas.keller@baufirma-keller.example',
      'dmarc=pass (p=QUARANTINE sp=QUARANTINE) header.from=baufirma-keller.example',
    ],
    receivedSpf:
      'pass (mta-gw.infomaniak.ch: domain of jonas.keller@baufirma-keller.example designates 203.0.113.10 as permitted sender) client-ip=203.0.113.10; envelope-from=jonas.keller@baufirma-keller.example; helo=smtp.baufirma-keller.example;',
    spam: 'ham',
  });
  return defineMessage({
    id: 'plain-text-de',
    mailbox: ANNA,
    folder: 'INBOX',
    seen: true,
    flagged: false,
    answered: true,
    internalDate: arrival.internalDate,
    expect: { subject: SITE_VISIT_SUBJECT, attachments: [] },
    headers: [
      'Return-Path: <jonas.keller@baufirma-keller.example>',
      'Delivered-To: anna.meier@muster.example',
      ...arrival.headers,
      `Received: from [198.51.100.23] (helo=[192.168.1.40])
\tby smtp.baufirma-keller.example with esmtpsa  (TLS1.3) tls TLS_AES_256_GCM_SHA384
\t(Exim 4.96)
\t(envelope-from <jonas.keller@baufirma-keller.example>)
\tid ${eximId('plain-text-de')}
\tfor anna.meier@muster.example; ${mailDate(sent)}`,
      dkimSignature({ label: 'plain-text-de', domain: 'baufirma-keller.example', selector: 'mail2026', at: sent }),
      `Message-ID: ${SITE_VISIT_ID}`,
      `Date: ${mailDate(sent)}`,
      'User-Agent: Mozilla Thunderbird',
      'Content-Language: de-CH',
      `From: ${formatAddress(JONAS_KELLER)}`,
      `To: ${formatAddress(ANNA_MEIER)}`,
      `Subject: ${encodeHeaderText(SITE_VISIT_SUBJECT)}`,
    ],
    body: textPart(
      `Grüezi Frau Meier

Wie besprochen schlage ich für die Besichtigung der Baustelle an der Kirchgasse
Donnerstag, 8. Oktober, um 10:00 Uhr vor. Treffpunkt ist der Container beim
Haupteingang; bitte feste Schuhe mitnehmen, der Boden im Erdgeschoss ist noch
nicht fertig.

Falls der Termin nicht passt, geben Sie mir bitte bis Mittwoch Bescheid.

Freundliche Grüsse
Jonas Keller
Bauleitung, Baufirma Keller AG
`,
      { transfer: 'quoted-printable' },
    ),
  });
}

function replySent(): CorpusMessage {
  const sent = '2026-10-06T11:03:17+02:00';
  const subject = `Re: ${SITE_VISIT_SUBJECT}`;
  return defineMessage({
    id: 'plain-text-reply-sent',
    mailbox: ANNA,
    folder: 'Sent',
    seen: true,
    flagged: false,
    internalDate: isoUtc(sent),
    expect: { subject, attachments: [] },
    headers: [
      `Message-ID: ${messageId('plain-text-reply-sent', 'muster.example')}`,
      `Date: ${mailDate(sent)}`,
      `From: ${formatAddress(ANNA_MEIER)}`,
      `To: ${formatAddress(JONAS_KELLER)}`,
      `Subject: ${encodeHeaderText(subject)}`,
      `In-Reply-To: ${SITE_VISIT_ID}`,
      `References: ${SITE_VISIT_ID}`,
    ],
    body: textPart(
      `Guten Tag Herr Keller

Donnerstag um 10 Uhr passt mir gut. Ich bringe die Pläne vom Architekten mit.

Freundliche Grüsse
Anna Meier

Am 06.10.2026 um 09:12 schrieb Jonas Keller:
> Wie besprochen schlage ich für die Besichtigung der Baustelle an der Kirchgasse
> Donnerstag, 8. Oktober, um 10:00 Uhr vor.
`,
      { transfer: 'quoted-printable' },
    ),
  });
}

function htmlOnlyFrench(): CorpusMessage {
  const sent = '2026-10-14T16:45:09+02:00';
  const subject = "Maquettes pour la brochure d'automne";
  const arrival = infomaniakArrival({
    label: 'html-only-fr',
    recipient: LEA,
    from: 'smtp-out.atelier-lumiere.example (smtp-out.atelier-lumiere.example [198.51.100.140])',
    at: '2026-10-14T16:45:12+02:00',
    authResults: [
      'dkim=pass header.d=atelier-lumiere.example header.s=apple header.b=kR2vX8pA',
      'spf=pass smtp.mailfrom=claire.dubois@atelier-lumiere.example',
      'dmarc=pass header.from=atelier-lumiere.example',
    ],
    spam: 'ham',
  });
  return defineMessage({
    id: 'html-only-fr',
    mailbox: LEA,
    folder: 'INBOX',
    seen: false,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      'Return-Path: <claire.dubois@atelier-lumiere.example>',
      ...arrival.headers,
      dkimSignature({ label: 'html-only-fr', domain: 'atelier-lumiere.example', selector: 'apple', at: sent }),
      `From: ${formatAddress(CLAIRE_DUBOIS)}`,
      `To: ${formatAddress(LEA_ROSSI)}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('html-only-fr', 'atelier-lumiere.example')}`,
      'X-Mailer: Apple Mail (2.3826.400.131)',
    ],
    body: textPart(
      `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
<body style="font-family: Helvetica, sans-serif;">
<p>Bonjour Lea,</p>
<p>Voici où nous en sommes pour la brochure&nbsp;: la couverture est <b>validée</b>, il reste les pages
intérieures. Peux-tu me dire si le vert sapin te convient pour les titres&nbsp;?</p>
<ul><li>couverture&nbsp;: terminée</li><li>pages 2 à 7&nbsp;: en cours</li><li>impression&nbsp;: semaine 45</li></ul>
<p>Belle fin de journée,<br>Claire</p>
</body></html>
`,
      { subtype: 'html', transfer: 'quoted-printable' },
    ),
  });
}

function plainAsciiUnsigned(): CorpusMessage {
  const sent = '2026-09-28T07:58:30+02:00';
  const subject = 'Order 4711 has not arrived';
  const arrival = infomaniakArrival({
    label: 'plain-ascii-unsigned',
    recipient: SUPPORT,
    from: 'mail.kunde-brunner.example (mail.kunde-brunner.example [192.0.2.45])',
    at: '2026-09-28T07:58:33+02:00',
    protocol: 'ESMTP',
    authResults: [
      'dkim=none (message not signed)',
      'spf=pass smtp.mailfrom=thomas.brunner@kunde-brunner.example',
      'dmarc=none (p=none dis=none) header.from=kunde-brunner.example',
    ],
    spam: 'ham',
  });
  return defineMessage({
    id: 'plain-ascii-unsigned',
    mailbox: SUPPORT,
    folder: 'INBOX',
    seen: false,
    flagged: true,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      'Return-Path: <thomas.brunner@kunde-brunner.example>',
      ...arrival.headers,
      `From: ${formatAddress(THOMAS_BRUNNER)}`,
      `To: ${formatAddress(SUPPORT_DESK)}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('plain-ascii-unsigned', 'kunde-brunner.example')}`,
      'X-Mailer: The Bat! (v11.2.1) Professional',
    ],
    body: textPart(
      `Hello,

I ordered 12 boxes of wall plugs (order 4711) on 14 September and paid in advance.
Tracking has said "label created" for two weeks now. Could you please check?

Thanks,
Thomas Brunner
`,
      { transfer: '7bit', charset: 'utf-8' },
    ),
  });
}

function draftOffer(): CorpusMessage {
  const written = '2026-11-03T18:20:00+01:00';
  const subject = 'Offerte Umbau Kirchgasse – Entwurf';
  return defineMessage({
    id: 'draft-offer',
    mailbox: ANNA,
    folder: 'Drafts',
    seen: true,
    flagged: false,
    internalDate: isoUtc(written),
    expect: { subject, attachments: [] },
    headers: [
      `Message-ID: ${messageId('draft-offer', 'muster.example')}`,
      `Date: ${mailDate(written)}`,
      `From: ${formatAddress(ANNA_MEIER)}`,
      `To: ${formatAddress(PETRA_MUELLER)}`,
      `Subject: ${encodeHeaderText(subject)}`,
    ],
    body: textPart(
      `Liebe Petra

Anbei (noch nicht) die überarbeitete Offerte. Offene Punkte:
- Preis für die Fenster im 2. OG
- Rabatt bei Zahlung innert 10 Tagen?
`,
      { transfer: 'quoted-printable' },
    ),
  });
}

function projectKickoff(): CorpusMessage {
  const sent = '2026-09-07T08:30:12+02:00';
  const subject = 'Kick-off Projekt Seeblick 2026';
  const arrival = infomaniakArrival({
    label: 'project-kickoff-2026',
    recipient: ANNA,
    from: 'mail.contoso-bau.example (mail.contoso-bau.example [203.0.113.88])',
    at: '2026-09-07T08:30:15+02:00',
    authResults: [
      'dkim=pass header.d=contoso-bau.example header.s=selector1',
      'spf=pass smtp.mailfrom=sofia.kowalski@contoso-bau.example',
      'dmarc=pass header.from=contoso-bau.example',
    ],
    spam: 'ham',
  });
  return defineMessage({
    id: 'project-kickoff-2026',
    mailbox: ANNA,
    folder: 'INBOX/Projects/2026',
    seen: true,
    flagged: true,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      'Return-Path: <sofia.kowalski@contoso-bau.example>',
      ...arrival.headers,
      dkimSignature({ label: 'project-kickoff-2026', domain: 'contoso-bau.example', selector: 'selector1', at: sent }),
      `From: ${formatAddress(SOFIA_KOWALSKI)}`,
      `To: ${formatAddress(ANNA_MEIER)}`,
      `Cc: ${formatAddresses([JONAS_KELLER, PETRA_MUELLER, { name: 'Projektteam Seeblick', email: 'seeblick@contoso-bau.example' }])}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('project-kickoff-2026', 'contoso-bau.example')}`,
      'Content-Language: de-DE',
      'X-Mailer: Microsoft Outlook 16.0',
    ],
    body: textPart(
      `Hallo zusammen

Das Kick-off für das Projekt Seeblick findet am 15. September um 14:00 Uhr im
Sitzungszimmer 3 statt. Traktanden:

1. Vorstellung Projektteam
2. Terminplan bis Rohbau
3. Budget und Freigaben

Beste Grüsse
Sofia Kowalski
`,
      { transfer: 'quoted-printable' },
    ),
  });
}

function archivedThanksItalian(): CorpusMessage {
  const sent = '2026-09-18T12:05:44+02:00';
  const subject = 'Grazie per la consegna';
  const arrival = infomaniakArrival({
    label: 'archive-thanks-8bit',
    recipient: LEA,
    // Marco's studio is on kSuite too: the message went out through Infomaniak's relays.
    sentThroughInfomaniak: true,
    at: '2026-09-18T12:05:47+02:00',
    authResults: [
      'dkim=pass header.d=bianchi-design.example header.s=s1',
      'spf=pass smtp.mailfrom=marco@bianchi-design.example',
      'dmarc=pass header.from=bianchi-design.example',
    ],
    spam: 'ham',
  });
  return defineMessage({
    id: 'archive-thanks-8bit',
    mailbox: LEA,
    folder: 'Archive',
    seen: true,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      'Return-Path: <marco@bianchi-design.example>',
      ...arrival.headers,
      `From: ${formatAddress(MARCO_BIANCHI)}`,
      `To: ${formatAddress(LEA_ROSSI)}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('archive-thanks-8bit', 'bianchi-design.example')}`,
      'User-Agent: Roundcube Webmail/1.6.9',
      ...arrival.trailer,
    ],
    // 8bit: raw UTF-8 in the body, as many webmailers send it when the server offers 8BITMIME.
    body: textPart(
      `Ciao Lea,

le stampe sono arrivate stamattina: qualità ottima, colori perfetti. Ti saldo la
fattura entro venerdì. Alla prossima!

Marco
`,
      { transfer: '8bit' },
    ),
  });
}

function trashedBase64Text(): CorpusMessage {
  const sent = '2026-09-02T15:11:02+02:00';
  const subject = 'Automatische Antwort: Ihre Anfrage';
  const arrival = infomaniakArrival({
    label: 'trash-autoreply-base64',
    recipient: SUPPORT,
    from: 'mx.treuhand-mueller.example (mx.treuhand-mueller.example [203.0.113.150])',
    at: '2026-09-02T15:11:04+02:00',
    authResults: [
      'dkim=pass header.d=treuhand-mueller.example header.s=default',
      'spf=pass smtp.mailfrom=p.mueller@treuhand-mueller.example',
      'dmarc=pass header.from=treuhand-mueller.example',
    ],
    spam: 'ham',
  });
  return defineMessage({
    id: 'trash-autoreply-base64',
    mailbox: SUPPORT,
    folder: 'Trash',
    seen: true,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      'Return-Path: <>',
      ...arrival.headers,
      `From: ${formatAddress(PETRA_MUELLER)}`,
      `To: ${formatAddress(SUPPORT_DESK)}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('trash-autoreply-base64', 'treuhand-mueller.example')}`,
      'Auto-Submitted: auto-replied',
      'X-Auto-Response-Suppress: All',
    ],
    // Some servers base64-encode even plain text bodies.
    body: textPart(
      `Vielen Dank für Ihre Nachricht. Ich bin bis 14. September abwesend und habe
keinen Zugriff auf meine E-Mails. In dringenden Fällen wenden Sie sich bitte an
sekretariat@treuhand-mueller.example.

Petra Müller
`,
      { transfer: 'base64' },
    ),
  });
}

function leaSentReply(): CorpusMessage {
  const sent = '2026-10-15T09:02:51+02:00';
  const subject = "Re: Maquettes pour la brochure d'automne";
  return defineMessage({
    id: 'lea-sent-reply',
    mailbox: LEA,
    folder: 'Sent',
    seen: true,
    flagged: false,
    internalDate: isoUtc(sent),
    expect: { subject, attachments: [] },
    headers: [
      `Message-ID: ${messageId('lea-sent-reply', 'studio-rossi.example')}`,
      `Date: ${mailDate(sent)}`,
      `From: ${formatAddress(LEA_ROSSI)}`,
      `To: ${formatAddress(CLAIRE_DUBOIS)}`,
      `Subject: ${subject}`,
      `In-Reply-To: ${messageId('html-only-fr', 'atelier-lumiere.example')}`,
    ],
    body: textPart(
      `Bonjour Claire,

Le vert sapin me va très bien. On garde la semaine 45 pour l'impression.

Lea
`,
      { transfer: 'quoted-printable' },
    ),
  });
}

function supportSentAnswer(): CorpusMessage {
  const sent = '2026-09-28T10:15:00+02:00';
  const subject = 'Re: Order 4711 has not arrived';
  return defineMessage({
    id: 'support-sent-answer',
    mailbox: SUPPORT,
    folder: 'Sent',
    seen: true,
    flagged: false,
    internalDate: isoUtc(sent),
    expect: { subject, attachments: [] },
    headers: [
      `Message-ID: ${messageId('support-sent-answer', 'muster.example')}`,
      `Date: ${mailDate(sent)}`,
      `From: ${formatAddress(SUPPORT_DESK)}`,
      `To: ${formatAddress(THOMAS_BRUNNER)}`,
      `Subject: ${subject}`,
      `In-Reply-To: ${messageId('plain-ascii-unsigned', 'kunde-brunner.example')}`,
    ],
    body: textPart(
      `Dear Mr Brunner,

the parcel was held at the depot because of a damaged label. It left again today
and should reach you tomorrow.

Kind regards
Muster AG Support
`,
      { transfer: '7bit' },
    ),
  });
}

export function everydayMessages(): CorpusMessage[] {
  return [
    plainTextGerman(),
    replySent(),
    htmlOnlyFrench(),
    plainAsciiUnsigned(),
    draftOffer(),
    projectKickoff(),
    archivedThanksItalian(),
    trashedBase64Text(),
    leaSentReply(),
    supportSentAnswer(),
  ];
}
