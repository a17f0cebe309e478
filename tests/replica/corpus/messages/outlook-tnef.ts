/** An Outlook message whose attachments travel inside winmail.dat (application/ms-tnef), as Exchange sends them
 * when rich text formatting is on. The TNEF stream itself is written by ../tnef.ts. */

import { encodeText } from '../charsets.ts';
import { mailDate } from '../dates.ts';
import { attachment, defineMessage } from '../define.ts';
import { dkimSignature } from '../dkim.ts';
import { textFile } from '../files.ts';
import { infomaniakArrival } from '../infomaniak-trace.ts';
import { SUPPORT } from '../mailboxes.ts';
import { multipart, textPart } from '../mime-builder.ts';
import { formatAddress, SOFIA_KOWALSKI, SUPPORT_DESK } from '../people.ts';
import { buildTnef } from '../tnef.ts';
import { messageId } from '../tokens.ts';
import type { CorpusMessage } from '../types.ts';

const MEASUREMENTS = textFile('Raum;Breite;Länge\nKüche;3.40;4.10\nBad;2.10;2.60\n');
// ISO-8859-1 text, matching the OEM code page the stream declares.
const HANDOVER = encodeText('Übergabeprotokoll\r\nSchlüssel: 3 Stück\r\nZählerstand: 48213 kWh\r\n', 'iso-8859-1');

export function outlookTnefMessages(): CorpusMessage[] {
  const sent = '2026-10-26T08:47:31+01:00';
  const subject = 'Aufmass und Übergabeprotokoll';
  const tnef = buildTnef(
    subject,
    [
      { title: 'Aufmass.csv', content: MEASUREMENTS },
      { title: 'Übergabeprotokoll.txt', content: HANDOVER },
    ],
    0x6a3d,
  );
  const winmail = attachment({ content: tnef, mimeType: 'application/ms-tnef', name: 'winmail.dat' });
  const arrival = infomaniakArrival({
    label: 'winmail-dat-tnef',
    recipient: SUPPORT,
    from: 'mail.contoso-bau.example (mail.contoso-bau.example [203.0.113.88])',
    at: '2026-10-26T08:47:36+01:00',
    authResults: [
      'dkim=pass header.d=contoso-bau.example header.s=selector1',
      'spf=pass smtp.mailfrom=sofia.kowalski@contoso-bau.example',
      'dmarc=pass header.from=contoso-bau.example',
    ],
    spam: 'ham',
  });
  return [
    defineMessage({
      id: 'winmail-dat-tnef',
      mailbox: SUPPORT,
      folder: 'INBOX',
      seen: false,
      flagged: false,
      internalDate: arrival.internalDate,
      expect: {
        subject,
        attachments: [winmail.expected],
        containers: [
          {
            container: 'winmail.dat',
            files: [
              { name: 'Aufmass.csv', size: MEASUREMENTS.length },
              { name: 'Übergabeprotokoll.txt', size: HANDOVER.length },
            ],
          },
        ],
      },
      headers: [
        ...arrival.headers,
        dkimSignature({ label: 'winmail-dat-tnef', domain: 'contoso-bau.example', selector: 'selector1', at: sent }),
        `From: ${formatAddress(SOFIA_KOWALSKI)}`,
        `To: ${formatAddress(SUPPORT_DESK)}`,
        `Subject: =?iso-8859-1?Q?Aufmass_und_=DCbergabeprotokoll?=`,
        `Date: ${mailDate(sent)}`,
        `Message-ID: ${messageId('winmail-dat-tnef', 'contoso-bau.example')}`,
        'X-Mailer: Microsoft Outlook 16.0',
        'X-MS-Has-Attach: yes',
        `X-MS-TNEF-Correlator: ${messageId('winmail-dat-tnef:tnef', 'contoso-bau.example')}`,
      ],
      body: multipart('mixed', [
        textPart('Guten Morgen\n\nAufmass und Übergabeprotokoll im Anhang.\n\nSofia Kowalski\n', {
          charset: 'iso-8859-1',
        }),
        winmail.part,
      ]),
    }),
  ];
}
