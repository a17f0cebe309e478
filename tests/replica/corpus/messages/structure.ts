/**
 * MIME structures: text + HTML alternatives with attachments, inline images referenced by cid:, and forwarded
 * messages (message/rfc822), one of them carrying an attachment of its own and one nested twice.
 */

import { mailDate } from '../dates.ts';
import { attachment, defineMessage } from '../define.ts';
import { dkimSignature } from '../dkim.ts';
import { encodeHeaderText } from '../header-encoding.ts';
import { infomaniakArrival } from '../infomaniak-trace.ts';
import { officeLike, pdfLike, textFile } from '../files.ts';
import { ANNA, LEA, SUPPORT } from '../mailboxes.ts';
import { messagePart, multipart, renderMessage, textPart } from '../mime-builder.ts';
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
import { solidPng } from '../png.ts';
import { messageId } from '../tokens.ts';
import type { CorpusMessage } from '../types.ts';

function altWithAttachments(): CorpusMessage {
  const sent = '2026-10-12T14:20:05+02:00';
  const subject = 'Offerte und Pläne Umbau Kirchgasse';
  const offer = attachment({
    content: pdfLike(1201, 48_213),
    mimeType: 'application/pdf',
    name: 'Offerte_2026-118.pdf',
  });
  const plan = attachment({
    content: officeLike(1202, 31_877),
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    name: 'Baubeschrieb Kirchgasse.docx',
  });
  const arrival = infomaniakArrival({
    label: 'alt-with-attachments',
    recipient: ANNA,
    from: 'smtp.baufirma-keller.example (smtp.baufirma-keller.example [203.0.113.10])',
    at: '2026-10-12T14:20:09+02:00',
    authResults: [
      'dkim=pass header.d=baufirma-keller.example header.s=mail2026',
      'spf=pass smtp.mailfrom=jonas.keller@baufirma-keller.example',
      'dmarc=pass header.from=baufirma-keller.example',
    ],
    spam: 'ham',
  });
  return defineMessage({
    id: 'alt-with-attachments',
    mailbox: ANNA,
    folder: 'INBOX/Projects',
    seen: false,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [offer.expected, plan.expected] },
    headers: [
      'Return-Path: <jonas.keller@baufirma-keller.example>',
      ...arrival.headers,
      dkimSignature({
        label: 'alt-with-attachments',
        domain: 'baufirma-keller.example',
        selector: 'mail2026',
        at: sent,
      }),
      `From: ${formatAddress(JONAS_KELLER)}`,
      `To: ${formatAddress(ANNA_MEIER)}`,
      `Subject: ${encodeHeaderText(subject)}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('alt-with-attachments', 'baufirma-keller.example')}`,
      'User-Agent: Mozilla Thunderbird',
    ],
    body: multipart('mixed', [
      multipart('alternative', [
        textPart('Guten Tag Frau Meier\n\nIm Anhang die Offerte und der Baubeschrieb.\n\nJonas Keller\n'),
        textPart(
          '<p>Guten Tag Frau Meier</p>\n<p>Im Anhang die <b>Offerte</b> und der Baubeschrieb.</p>\n<p>Jonas Keller</p>\n',
          { subtype: 'html' },
        ),
      ]),
      offer.part,
      plan.part,
    ]),
  });
}

function inlineCidImages(): CorpusMessage {
  const sent = '2026-10-20T10:41:30+02:00';
  const subject = 'Palette couleurs – proposition 2';
  const logo = attachment({
    content: solidPng(24, 24, [0x1f, 0x5c, 0x3a]),
    mimeType: 'image/png',
    name: 'logo-atelier.png',
    disposition: 'inline',
    contentId: 'logo.7f3a@atelier-lumiere.example',
  });
  const swatch = attachment({
    content: solidPng(64, 16, [0xc8, 0x8a, 0x2e]),
    mimeType: 'image/png',
    name: 'nuancier.png',
    disposition: 'inline',
    contentId: 'nuancier.7f3a@atelier-lumiere.example',
  });
  const arrival = infomaniakArrival({
    label: 'inline-cid-images',
    recipient: LEA,
    from: 'smtp-out.atelier-lumiere.example (smtp-out.atelier-lumiere.example [198.51.100.140])',
    at: '2026-10-20T10:41:33+02:00',
    authResults: [
      'dkim=pass header.d=atelier-lumiere.example',
      'spf=pass smtp.mailfrom=claire.dubois@atelier-lumiere.example',
    ],
    spam: 'ham',
  });
  return defineMessage({
    id: 'inline-cid-images',
    mailbox: LEA,
    folder: 'INBOX',
    seen: true,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [logo.expected, swatch.expected] },
    headers: [
      ...arrival.headers,
      `From: ${formatAddress(CLAIRE_DUBOIS)}`,
      `To: ${formatAddress(LEA_ROSSI)}`,
      `Subject: ${encodeHeaderText(subject)}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('inline-cid-images', 'atelier-lumiere.example')}`,
      'X-Mailer: Apple Mail (2.3826.400.131)',
    ],
    // Apple Mail's layout: the related part (HTML + its images) is the rich alternative.
    body: multipart('alternative', [
      textPart('Bonjour Lea,\n\nvoici la deuxième palette.\n\nClaire\n'),
      multipart(
        'related',
        [
          textPart(
            `<html><body>
<p><img src="cid:logo.7f3a@atelier-lumiere.example" alt="Atelier Lumière" width="24" height="24"></p>
<p>Bonjour Lea,</p>
<p>voici la deuxième palette&nbsp;:</p>
<p><img src="cid:nuancier.7f3a@atelier-lumiere.example" alt="nuancier"></p>
<p>Claire</p>
</body></html>
`,
            { subtype: 'html' },
          ),
          logo.part,
          swatch.part,
        ],
        { params: ['type="text/html"'] },
      ),
    ]),
  });
}

function inlineImageAndAttachment(): CorpusMessage {
  const sent = '2026-11-04T16:02:11+01:00';
  const subject = 'Protokoll Sitzung 3';
  const signatureLogo = attachment({
    content: solidPng(48, 12, [0x00, 0x3b, 0x7a]),
    mimeType: 'image/png',
    name: 'image001.png',
    disposition: 'inline',
    contentId: 'image001.png@01DB2E7A.4C1F9B20',
  });
  const minutes = attachment({
    content: pdfLike(1301, 102_400),
    mimeType: 'application/pdf',
    name: 'Protokoll_Sitzung_3.pdf',
  });
  const arrival = infomaniakArrival({
    label: 'inline-image-and-attachment',
    recipient: ANNA,
    from: 'mail.contoso-bau.example (mail.contoso-bau.example [203.0.113.88])',
    at: '2026-11-04T16:02:15+01:00',
    authResults: [
      'dkim=pass header.d=contoso-bau.example header.s=selector1',
      'spf=pass smtp.mailfrom=sofia.kowalski@contoso-bau.example',
    ],
    spam: 'ham',
  });
  return defineMessage({
    id: 'inline-image-and-attachment',
    mailbox: ANNA,
    folder: 'INBOX',
    seen: true,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [signatureLogo.expected, minutes.expected] },
    headers: [
      ...arrival.headers,
      `From: ${formatAddress(SOFIA_KOWALSKI)}`,
      `To: ${formatAddress(ANNA_MEIER)}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('inline-image-and-attachment', 'contoso-bau.example')}`,
      'X-Mailer: Microsoft Outlook 16.0',
      'X-MS-Has-Attach: yes',
    ],
    // Outlook's layout: mixed( related( alternative(text, html), image ), file ).
    body: multipart('mixed', [
      multipart(
        'related',
        [
          multipart('alternative', [
            textPart('Hallo Anna\n\nAnbei das Protokoll.\n\nSofia Kowalski\n[Contoso Bau]\n'),
            textPart(
              '<p>Hallo Anna</p><p>Anbei das Protokoll.</p><p>Sofia Kowalski<br><img src="cid:image001.png@01DB2E7A.4C1F9B20" width="48" height="12"></p>\n',
              { subtype: 'html' },
            ),
          ]),
          signatureLogo.part,
        ],
        { params: ['type="multipart/alternative"'] },
      ),
      minutes.part,
    ]),
  });
}

/** The message a customer originally sent, forwarded as an attachment by a colleague. */
function delayComplaint(): Uint8Array {
  const sent = '2026-10-01T08:12:00+02:00';
  return renderMessage(
    [
      `From: ${formatAddress(THOMAS_BRUNNER)}`,
      `To: ${formatAddress(SUPPORT_DESK)}`,
      'Subject: Delivery delay, order 4782',
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('forwarded-inner-complaint', 'kunde-brunner.example')}`,
    ],
    textPart('Hello,\n\norder 4782 was promised for last Friday. Any news?\n\nThomas Brunner\n', { transfer: '7bit' }),
    'forwarded-inner-complaint',
  );
}

function forwardedRfc822(): CorpusMessage {
  const sent = '2026-10-01T09:30:45+02:00';
  const subject = 'Fwd: Delivery delay, order 4782';
  const inner = delayComplaint();
  const arrival = infomaniakArrival({
    label: 'forwarded-rfc822',
    recipient: SUPPORT,
    from: 'smtp.baufirma-keller.example (smtp.baufirma-keller.example [203.0.113.10])',
    at: '2026-10-01T09:30:48+02:00',
    authResults: [
      'dkim=pass header.d=baufirma-keller.example',
      'spf=pass smtp.mailfrom=jonas.keller@baufirma-keller.example',
    ],
    spam: 'ham',
  });
  return defineMessage({
    id: 'forwarded-rfc822',
    mailbox: SUPPORT,
    folder: 'INBOX',
    seen: false,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: {
      subject,
      attachments: [{ name: 'Delivery delay, order 4782.eml', size: inner.length, mimeType: 'message/rfc822' }],
      containers: [{ container: 'Delivery delay, order 4782.eml', subject: 'Delivery delay, order 4782', files: [] }],
    },
    headers: [
      ...arrival.headers,
      `From: ${formatAddress(JONAS_KELLER)}`,
      `To: ${formatAddress(SUPPORT_DESK)}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('forwarded-rfc822', 'baufirma-keller.example')}`,
      'User-Agent: Mozilla Thunderbird',
    ],
    body: multipart('mixed', [
      textPart('Der Kunde hat sich bei uns gemeldet, bitte übernehmt ihr das.\n\nJonas\n'),
      messagePart(inner, 'Delivery delay, order 4782.eml'),
    ]),
  });
}

const COST_SHEET_NAME = 'Kostenschätzung Seeblick.xlsx';
const COST_SHEET = officeLike(1401, 18_944);

/** A message with an attachment, later forwarded whole. */
function costEstimate(): Uint8Array {
  const sent = '2026-09-21T17:44:10+02:00';
  const sheet = attachment({
    content: COST_SHEET,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    name: COST_SHEET_NAME,
    nameStyle: { kind: 'rfc2231' },
  });
  return renderMessage(
    [
      `From: ${formatAddress(PETRA_MUELLER)}`,
      `To: ${formatAddress(SOFIA_KOWALSKI)}`,
      `Subject: ${encodeHeaderText('Kostenschätzung Seeblick')}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('forwarded-inner-estimate', 'treuhand-mueller.example')}`,
    ],
    multipart('mixed', [textPart('Hallo Sofia\n\ndie Kostenschätzung, Stand heute.\n\nPetra\n'), sheet.part]),
    'forwarded-inner-estimate',
  );
}

function forwardedRfc822WithAttachment(): CorpusMessage {
  const sent = '2026-09-22T08:05:00+02:00';
  const subject = 'WG: Kostenschätzung Seeblick';
  const inner = costEstimate();
  const arrival = infomaniakArrival({
    label: 'forwarded-rfc822-with-attachment',
    recipient: ANNA,
    from: 'mail.contoso-bau.example (mail.contoso-bau.example [203.0.113.88])',
    at: '2026-09-22T08:05:04+02:00',
    authResults: [
      'dkim=pass header.d=contoso-bau.example header.s=selector1',
      'spf=pass smtp.mailfrom=sofia.kowalski@contoso-bau.example',
    ],
    spam: 'ham',
  });
  return defineMessage({
    id: 'forwarded-rfc822-with-attachment',
    mailbox: ANNA,
    folder: 'INBOX/Projects/2026',
    seen: true,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: {
      subject,
      attachments: [{ name: 'Kostenschaetzung Seeblick.eml', size: inner.length, mimeType: 'message/rfc822' }],
      containers: [
        {
          container: 'Kostenschaetzung Seeblick.eml',
          subject: 'Kostenschätzung Seeblick',
          files: [
            {
              name: COST_SHEET_NAME,
              size: COST_SHEET.length,
              mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            },
          ],
        },
      ],
    },
    headers: [
      ...arrival.headers,
      `From: ${formatAddress(SOFIA_KOWALSKI)}`,
      `To: ${formatAddress(ANNA_MEIER)}`,
      `Subject: ${encodeHeaderText(subject)}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('forwarded-rfc822-with-attachment', 'contoso-bau.example')}`,
      'X-Mailer: Microsoft Outlook 16.0',
    ],
    body: multipart('mixed', [
      textPart('Hallo Anna\n\nzur Info, die Schätzung von Petra.\n\nSofia\n'),
      messagePart(inner, 'Kostenschaetzung Seeblick.eml'),
    ]),
  });
}

/** A forward of a forward: message/rfc822 inside message/rfc822, the innermost carrying a small file. */
function forwardedTwice(): CorpusMessage {
  const note = textFile('Druckfreigabe erteilt.\nFormat A4, 120 g/m², 500 Stück.\n');
  const original = renderMessage(
    [
      `From: ${formatAddress(CLAIRE_DUBOIS)}`,
      `To: ${formatAddress(MARCO_BIANCHI)}`,
      `Subject: ${encodeHeaderText('Bon à tirer')}`,
      `Date: ${mailDate('2026-10-27T09:00:00+01:00')}`,
      `Message-ID: ${messageId('forwarded-twice-original', 'atelier-lumiere.example')}`,
    ],
    multipart('mixed', [
      textPart('Marco, voici le bon à tirer signé.\n'),
      attachment({ content: note, mimeType: 'text/plain', name: 'freigabe.txt' }).part,
    ]),
    'forwarded-twice-original',
  );
  const firstForward = renderMessage(
    [
      `From: ${formatAddress(MARCO_BIANCHI)}`,
      `To: ${formatAddress(SOFIA_KOWALSKI)}`,
      `Subject: ${encodeHeaderText('Fwd: Bon à tirer')}`,
      `Date: ${mailDate('2026-10-27T10:15:00+01:00')}`,
      `Message-ID: ${messageId('forwarded-twice-middle', 'bianchi-design.example')}`,
    ],
    multipart('mixed', [textPart('Per conoscenza.\n'), messagePart(original, 'Bon a tirer.eml')]),
    'forwarded-twice-middle',
  );
  const sent = '2026-10-27T11:30:00+01:00';
  const subject = 'Fwd: Fwd: Bon à tirer';
  const arrival = infomaniakArrival({
    label: 'forwarded-twice',
    recipient: LEA,
    from: 'mail.contoso-bau.example (mail.contoso-bau.example [203.0.113.88])',
    at: '2026-10-27T11:30:03+01:00',
    authResults: [
      'dkim=pass header.d=contoso-bau.example',
      'spf=pass smtp.mailfrom=sofia.kowalski@contoso-bau.example',
    ],
    spam: 'ham',
  });
  return defineMessage({
    id: 'forwarded-twice',
    mailbox: LEA,
    folder: 'INBOX',
    seen: false,
    flagged: true,
    internalDate: arrival.internalDate,
    expect: {
      subject,
      attachments: [{ name: 'Fwd Bon a tirer.eml', size: firstForward.length, mimeType: 'message/rfc822' }],
      containers: [
        {
          container: 'Fwd Bon a tirer.eml',
          subject: 'Fwd: Bon à tirer',
          files: [{ name: 'Bon a tirer.eml', size: original.length, mimeType: 'message/rfc822' }],
        },
        {
          container: 'Bon a tirer.eml',
          subject: 'Bon à tirer',
          files: [{ name: 'freigabe.txt', size: note.length, mimeType: 'text/plain' }],
        },
      ],
    },
    headers: [
      ...arrival.headers,
      `From: ${formatAddress(SOFIA_KOWALSKI)}`,
      `To: ${formatAddress(LEA_ROSSI)}`,
      `Subject: ${encodeHeaderText(subject)}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('forwarded-twice', 'contoso-bau.example')}`,
    ],
    body: multipart('mixed', [textPart('Lea, siehe unten.\n'), messagePart(firstForward, 'Fwd Bon a tirer.eml')]),
  });
}

export function structureMessages(): CorpusMessage[] {
  return [
    altWithAttachments(),
    inlineCidImages(),
    inlineImageAndAttachment(),
    forwardedRfc822(),
    forwardedRfc822WithAttachment(),
    forwardedTwice(),
  ];
}
