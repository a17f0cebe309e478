/**
 * Sizes that stress downloading and zipping: one 25 MiB file, and ten files of 2.5 MiB of mixed kinds. Contents
 * are generated from fixed seeds at build time; the sizes below are the facts tests rely on.
 */

import { mailDate } from '../dates.ts';
import { attachment, defineMessage } from '../define.ts';
import { jpegLike, officeLike, opaqueBytes, pdfLike, textLike } from '../files.ts';
import { infomaniakArrival } from '../infomaniak-trace.ts';
import { ANNA } from '../mailboxes.ts';
import { multipart, textPart } from '../mime-builder.ts';
import { ANNA_MEIER, formatAddress, JONAS_KELLER, SOFIA_KOWALSKI } from '../people.ts';
import { messageId } from '../tokens.ts';
import type { CorpusMessage } from '../types.ts';

const MiB = 1024 * 1024;
const SINGLE_SIZE = 25 * MiB; // 26 214 400 bytes
const EACH_SIZE = 2.5 * MiB; // 2 621 440 bytes

function singleLargeFile(): CorpusMessage {
  const sent = '2026-10-30T18:02:55+01:00';
  const subject = 'Baustellenfotos Oktober (Archiv)';
  const archive = attachment({
    content: opaqueBytes(3101, SINGLE_SIZE),
    mimeType: 'application/octet-stream',
    name: 'baustellenfotos-2026-10.bin',
  });
  const arrival = infomaniakArrival({
    label: 'large-single-25mb',
    recipient: ANNA,
    from: 'smtp.baufirma-keller.example (smtp.baufirma-keller.example [203.0.113.10])',
    at: '2026-10-30T18:03:41+01:00',
    authResults: [
      'dkim=pass header.d=baufirma-keller.example',
      'spf=pass smtp.mailfrom=jonas.keller@baufirma-keller.example',
    ],
    spam: 'ham',
  });
  return defineMessage({
    id: 'large-single-25mb',
    mailbox: ANNA,
    folder: 'INBOX',
    seen: false,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [{ ...archive.expected, size: SINGLE_SIZE }] },
    headers: [
      ...arrival.headers,
      `From: ${formatAddress(JONAS_KELLER)}`,
      `To: ${formatAddress(ANNA_MEIER)}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('large-single-25mb', 'baufirma-keller.example')}`,
    ],
    body: multipart('mixed', [textPart('Alle Fotos vom Oktober in einem Archiv.\n'), archive.part]),
  });
}

function tenMediumFiles(): CorpusMessage {
  const sent = '2026-11-02T10:10:10+01:00';
  const subject = 'Unterlagen Bauabnahme (10 Dateien)';
  const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  const files = [
    attachment({ content: pdfLike(3201, EACH_SIZE), mimeType: 'application/pdf', name: 'Abnahmeprotokoll.pdf' }),
    attachment({
      content: pdfLike(3202, EACH_SIZE),
      mimeType: 'application/pdf',
      name: 'Mängelliste.pdf',
      nameStyle: { kind: 'rfc2231' },
    }),
    attachment({
      content: pdfLike(3203, EACH_SIZE),
      mimeType: 'application/pdf',
      name: 'Pläne_Erdgeschoss.pdf',
      nameStyle: { kind: 'rfc2047' },
    }),
    attachment({ content: jpegLike(3204, EACH_SIZE), mimeType: 'image/jpeg', name: 'IMG_4101.jpg' }),
    attachment({ content: jpegLike(3205, EACH_SIZE), mimeType: 'image/jpeg', name: 'IMG_4102.jpg' }),
    attachment({ content: jpegLike(3206, EACH_SIZE), mimeType: 'image/jpeg', name: 'IMG_4103.JPG' }),
    attachment({
      content: textLike(3207, EACH_SIZE),
      mimeType: 'text/plain',
      name: 'Messprotokoll_Lüftung.txt',
      nameStyle: { kind: 'rfc2231' },
    }),
    attachment({ content: textLike(3208, EACH_SIZE), mimeType: 'text/plain', name: 'Logbuch.txt' }),
    attachment({ content: officeLike(3209, EACH_SIZE), mimeType: docx, name: 'Abnahmebericht.docx' }),
    attachment({ content: officeLike(3210, EACH_SIZE), mimeType: docx, name: 'Garantiescheine.docx' }),
  ];
  const arrival = infomaniakArrival({
    label: 'ten-attachments-2-5mb',
    recipient: ANNA,
    from: 'mail.contoso-bau.example (mail.contoso-bau.example [203.0.113.88])',
    at: '2026-11-02T10:11:02+01:00',
    authResults: [
      'dkim=pass header.d=contoso-bau.example',
      'spf=pass smtp.mailfrom=sofia.kowalski@contoso-bau.example',
    ],
    spam: 'ham',
  });
  return defineMessage({
    id: 'ten-attachments-2-5mb',
    mailbox: ANNA,
    folder: 'INBOX/Projects/2026',
    seen: false,
    flagged: true,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: files.map((file) => ({ ...file.expected, size: EACH_SIZE })) },
    headers: [
      ...arrival.headers,
      `From: ${formatAddress(SOFIA_KOWALSKI)}`,
      `To: ${formatAddress(ANNA_MEIER)}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId('ten-attachments-2-5mb', 'contoso-bau.example')}`,
      'X-Mailer: Microsoft Outlook 16.0',
    ],
    body: multipart('mixed', [textPart('Alle Unterlagen zur Bauabnahme.\n'), ...files.map((file) => file.part)]),
  });
}

export function largeAttachmentMessages(): CorpusMessage[] {
  return [singleLargeFile(), tenMediumFiles()];
}
