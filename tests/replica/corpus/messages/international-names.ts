/**
 * Non-ASCII attachment names in every encoding mail clients use: RFC 2047 encoded-words (B and Q, UTF-8 and
 * ISO-8859-1) inside quoted parameters, RFC 2231 extended parameters (single and continued `name*0*=` sections,
 * UTF-8 and ISO-8859-1, with and without a language tag), in German, French and Japanese; plus subjects in
 * ISO-2022-JP and Shift_JIS.
 */

import { mailDate } from '../dates.ts';
import { attachment, defineMessage } from '../define.ts';
import { encodeHeaderText, encodeWords } from '../header-encoding.ts';
import { infomaniakArrival } from '../infomaniak-trace.ts';
import { officeLike, pdfLike, textFile } from '../files.ts';
import { ANNA, LEA, SUPPORT } from '../mailboxes.ts';
import { multipart, textPart } from '../mime-builder.ts';
import {
  ANNA_MEIER,
  CLAIRE_DUBOIS,
  formatAddress,
  LEA_ROSSI,
  MISAKI_TANAKA,
  PETRA_MUELLER,
  SUPPORT_DESK,
} from '../people.ts';
import { solidPng } from '../png.ts';
import { messageId } from '../tokens.ts';
import type { CorpusMessage } from '../types.ts';

function germanEncodedWords(): CorpusMessage {
  const sent = '2026-09-17T11:26:40+02:00';
  const subject = 'Rechnung Nr. 2026-0917 für Umbau Küche';
  const overview = attachment({
    content: pdfLike(2101, 23_552),
    mimeType: 'application/pdf',
    name: 'Übersicht Größe und Maße.pdf',
    nameStyle: { kind: 'rfc2047', charset: 'utf-8', encoding: 'Q' },
  });
  const streetPlan = attachment({
    content: solidPng(40, 30, [0xe0, 0xe0, 0xd8]),
    mimeType: 'image/png',
    name: 'Straßenplan März.png',
    nameStyle: { kind: 'rfc2047', charset: 'iso-8859-1', encoding: 'B' },
  });
  // Long enough to be split into several encoded-words.
  const report = attachment({
    content: textFile('Prüfbericht Lüftungsanlage\nErgebnis: bestanden\nNächste Prüfung: März 2027\n'),
    mimeType: 'text/plain',
    name: 'Prüfbericht – Lüftungsanlage Erdgeschoss und Obergeschoss (Gebäude Süd).txt',
    nameStyle: { kind: 'rfc2047', charset: 'utf-8', encoding: 'B' },
  });
  const arrival = infomaniakArrival({
    label: 'names-german-rfc2047',
    recipient: ANNA,
    from: 'mx.treuhand-mueller.example (mx.treuhand-mueller.example [203.0.113.150])',
    at: '2026-09-17T11:26:44+02:00',
    authResults: [
      'dkim=pass header.d=treuhand-mueller.example',
      'spf=pass smtp.mailfrom=p.mueller@treuhand-mueller.example',
    ],
    spam: 'ham',
  });
  return defineMessage({
    id: 'names-german-rfc2047',
    mailbox: ANNA,
    folder: 'Invoices',
    seen: true,
    flagged: true,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [overview.expected, streetPlan.expected, report.expected] },
    headers: [
      ...arrival.headers,
      `From: ${formatAddress(PETRA_MUELLER)}`,
      `To: ${formatAddress(ANNA_MEIER)}`,
      `Subject: ${encodeWords(subject, 'utf-8', 'Q')}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('names-german-rfc2047', 'treuhand-mueller.example')}`,
      'X-Mailer: Microsoft Outlook 16.0',
    ],
    body: multipart('mixed', [
      textPart('Guten Tag\n\nim Anhang Rechnung, Übersicht und Prüfbericht.\n\nPetra Müller\n'),
      overview.part,
      streetPlan.part,
      report.part,
    ]),
  });
}

function frenchRfc2231(): CorpusMessage {
  const sent = '2026-10-22T15:03:27+02:00';
  const subject = 'Pièces jointes : devis et relevé';
  const statement = attachment({
    content: officeLike(2201, 27_310),
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    name: 'Relevé de dépenses – été 2026 (version définitive).xlsx',
    nameStyle: { kind: 'rfc2231', charset: 'utf-8', sectionLength: 30 },
  });
  const presentation = attachment({
    content: pdfLike(2202, 61_440),
    mimeType: 'application/pdf',
    name: 'Présentation générale.pdf',
    nameStyle: { kind: 'rfc2231', charset: 'iso-8859-1' },
  });
  const invoice = attachment({
    content: pdfLike(2203, 15_004),
    mimeType: 'application/pdf',
    name: 'Facture n°42 à régler avant le 30 novembre - Atelier Lumière.pdf',
    nameStyle: { kind: 'rfc2231', charset: 'iso-8859-1', language: 'fr', sectionLength: 24 },
  });
  const arrival = infomaniakArrival({
    label: 'names-french-rfc2231',
    recipient: LEA,
    from: 'smtp-out.atelier-lumiere.example (smtp-out.atelier-lumiere.example [198.51.100.140])',
    at: '2026-10-22T15:03:30+02:00',
    authResults: [
      'dkim=pass header.d=atelier-lumiere.example',
      'spf=pass smtp.mailfrom=claire.dubois@atelier-lumiere.example',
    ],
    spam: 'ham',
  });
  return defineMessage({
    id: 'names-french-rfc2231',
    mailbox: LEA,
    folder: 'INBOX',
    seen: false,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [statement.expected, presentation.expected, invoice.expected] },
    headers: [
      ...arrival.headers,
      `From: ${formatAddress(CLAIRE_DUBOIS)}`,
      `To: ${formatAddress(LEA_ROSSI)}`,
      // ISO-8859-1 Q-encoding, as older French clients write it.
      `Subject: ${encodeWords(subject, 'iso-8859-1', 'Q')}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('names-french-rfc2231', 'atelier-lumiere.example')}`,
      'User-Agent: Mozilla Thunderbird',
    ],
    body: multipart('mixed', [
      textPart('Bonjour Lea,\n\nci-joint le relevé, la présentation et la facture.\n\nClaire\n', {
        charset: 'iso-8859-1',
      }),
      statement.part,
      presentation.part,
      invoice.part,
    ]),
  });
}

function japaneseIso2022Jp(): CorpusMessage {
  const sent = '2026-10-09T17:12:05+09:00';
  const subject = '見積書の送付について';
  const quote = attachment({
    content: pdfLike(2301, 40_960),
    mimeType: 'application/pdf',
    name: '見積書_2026年10月_サクラトレーディング.pdf',
    nameStyle: { kind: 'rfc2231', charset: 'utf-8', sectionLength: 40 },
  });
  const minutes = attachment({
    content: officeLike(2302, 22_016),
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    name: '会議の議事録.docx',
    nameStyle: { kind: 'rfc2047', charset: 'utf-8', encoding: 'B' },
  });
  const arrival = infomaniakArrival({
    label: 'names-japanese-iso2022jp',
    recipient: SUPPORT,
    from: 'mail.sakura-trading.example (mail.sakura-trading.example [198.51.100.200])',
    at: '2026-10-09T10:12:19+02:00',
    authResults: [
      'dkim=pass header.d=sakura-trading.example',
      'spf=pass smtp.mailfrom=m.tanaka@sakura-trading.example',
    ],
    spam: 'ham',
  });
  return defineMessage({
    id: 'names-japanese-iso2022jp',
    mailbox: SUPPORT,
    folder: 'INBOX',
    seen: false,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [quote.expected, minutes.expected] },
    headers: [
      ...arrival.headers,
      `From: ${encodeWords(MISAKI_TANAKA.name, 'iso-2022-jp', 'B')} <${MISAKI_TANAKA.email}>`,
      `To: ${formatAddress(SUPPORT_DESK)}`,
      `Subject: ${encodeWords(subject, 'iso-2022-jp', 'B')}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('names-japanese-iso2022jp', 'sakura-trading.example')}`,
      'X-Mailer: Becky! ver. 2.81.04',
    ],
    body: multipart('mixed', [
      textPart('見積書の送付について\n\n見積書を送付します。\n', { charset: 'iso-2022-jp', transfer: '7bit' }),
      quote.part,
      minutes.part,
    ]),
  });
}

function shiftJisSubject(): CorpusMessage {
  const sent = '2026-11-12T09:40:00+09:00';
  const subject = '第3回会議の議事録';
  const arrival = infomaniakArrival({
    label: 'subject-shift-jis',
    recipient: SUPPORT,
    from: 'mail.sakura-trading.example (mail.sakura-trading.example [198.51.100.200])',
    at: '2026-11-12T01:40:09+01:00',
    authResults: [
      'dkim=pass header.d=sakura-trading.example',
      'spf=pass smtp.mailfrom=m.tanaka@sakura-trading.example',
    ],
    spam: 'ham',
  });
  return defineMessage({
    id: 'subject-shift-jis',
    mailbox: SUPPORT,
    folder: 'Archive',
    seen: true,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      ...arrival.headers,
      `From: ${encodeWords(MISAKI_TANAKA.name, 'utf-8', 'B')} <${MISAKI_TANAKA.email}>`,
      `To: ${formatAddress(SUPPORT_DESK)}`,
      `Subject: ${encodeWords(subject, 'shift_jis', 'B')}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('subject-shift-jis', 'sakura-trading.example')}`,
    ],
    body: textPart('第3回会議の議事録を送付します。\n', { charset: 'shift_jis', transfer: 'base64' }),
  });
}

function duplicateNames(): CorpusMessage {
  const sent = '2026-10-29T13:13:13+01:00';
  const subject = encodeHeaderText('Berichte (doppelt)');
  const files = [
    attachment({ content: pdfLike(2401, 12_000), mimeType: 'application/pdf', name: 'Bericht.pdf' }),
    attachment({ content: pdfLike(2402, 12_345), mimeType: 'application/pdf', name: 'Bericht.pdf' }),
    attachment({ content: textFile('kleine Schreibweise\n'), mimeType: 'text/plain', name: 'report.txt' }),
    attachment({ content: textFile('Grosser Anfangsbuchstabe\n'), mimeType: 'text/plain', name: 'Report.txt' }),
    attachment({ content: textFile('ALLES GROSS\n'), mimeType: 'text/plain', name: 'REPORT.TXT' }),
  ];
  const arrival = infomaniakArrival({
    label: 'duplicate-attachment-names',
    recipient: ANNA,
    from: 'mail.contoso-bau.example (mail.contoso-bau.example [203.0.113.88])',
    at: '2026-10-29T13:13:16+01:00',
    authResults: [
      'dkim=pass header.d=contoso-bau.example',
      'spf=pass smtp.mailfrom=sofia.kowalski@contoso-bau.example',
    ],
    spam: 'ham',
  });
  return defineMessage({
    id: 'duplicate-attachment-names',
    mailbox: ANNA,
    folder: 'INBOX/Projects',
    seen: true,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: files.map((file) => file.expected) },
    headers: [
      ...arrival.headers,
      'From: Sofia Kowalski <sofia.kowalski@contoso-bau.example>',
      `To: ${formatAddress(ANNA_MEIER)}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('duplicate-attachment-names', 'contoso-bau.example')}`,
    ],
    body: multipart('mixed', [
      textPart('Zwei Versionen desselben Berichts und drei Schreibweisen.\n'),
      ...files.map((file) => file.part),
    ]),
  });
}

export function internationalNameMessages(): CorpusMessage[] {
  return [germanEncodedWords(), frenchRfc2231(), japaneseIso2022Jp(), shiftJisSubject(), duplicateNames()];
}
