/**
 * Broken messages, written out by hand because the point is what a builder would never produce: a multipart
 * without its closing delimiter, base64 with garbage in it, a header line without a colon, raw 8-bit bytes in
 * headers, a boundary that never appears, a boundary reused by a nested multipart, a message cut off mid-part.
 * A reader must survive all of them; what it makes of them is up to it, so only well-defined facts are recorded.
 */

import { encodeText } from '../charsets.ts';
import { mailDate } from '../dates.ts';
import { defineRawMessage } from '../define.ts';
import { pdfLike } from '../files.ts';
import { infomaniakArrival } from '../infomaniak-trace.ts';
import { ANNA, LEA, SUPPORT } from '../mailboxes.ts';
import { messageId } from '../tokens.ts';
import { base64Lines } from '../transfer-encoding.ts';
import type { CorpusMessage } from '../types.ts';

function base64Text(bytes: Uint8Array): string {
  return new TextDecoder().decode(base64Lines(bytes));
}

function arrival(label: string, recipient: string, at: string) {
  return infomaniakArrival({
    label,
    recipient,
    from: 'mail.kunde-brunner.example (mail.kunde-brunner.example [192.0.2.45])',
    at,
    authResults: ['dkim=none (message not signed)', 'spf=pass smtp.mailfrom=thomas.brunner@kunde-brunner.example'],
    spam: 'ham',
  });
}

function commonHeaders(label: string, sent: string, subject: string, to: string): string {
  return [
    'From: Thomas Brunner <thomas.brunner@kunde-brunner.example>',
    `To: ${to}`,
    `Subject: ${subject}`,
    `Date: ${mailDate(sent)}`,
    `Message-ID: ${messageId(label, 'kunde-brunner.example')}`,
    'MIME-Version: 1.0',
  ].join('\n');
}

function missingClosingBoundary(): CorpusMessage {
  const id = 'malformed-missing-closing-boundary';
  const at = '2026-10-05T14:00:02+02:00';
  const landed = arrival(id, SUPPORT, at);
  return defineRawMessage({
    id,
    mailbox: SUPPORT,
    folder: 'INBOX',
    seen: false,
    flagged: false,
    internalDate: landed.internalDate,
    expect: { subject: 'Photos of the damage', malformed: true },
    chunks: [
      `${landed.headers.join('\n')}
${commonHeaders(id, '2026-10-05T14:00:00+02:00', 'Photos of the damage', 'support@muster.example')}
Content-Type: multipart/mixed; boundary="----=_open_ended"

------=_open_ended
Content-Type: text/plain; charset=us-ascii

The pallet arrived broken, see attached.

------=_open_ended
Content-Type: application/pdf; name="damage-report.pdf"
Content-Disposition: attachment; filename="damage-report.pdf"
Content-Transfer-Encoding: base64

${base64Text(pdfLike(4101, 3_000))}
`,
    ],
  });
}

function badBase64(): CorpusMessage {
  const id = 'malformed-bad-base64';
  const at = '2026-10-05T14:10:03+02:00';
  const landed = arrival(id, SUPPORT, at);
  const [first = '', second = '', third = '', fourth = '', fifth = ''] = base64Text(pdfLike(4201, 600)).split('\r\n');
  // Garbage characters, a line of the wrong length, padding in the middle and a stray '=' run.
  const broken = [
    first,
    `${second.slice(0, 40)}!!@@##${second.slice(46)}`,
    third + fourth,
    'QUJD=REVG',
    '====',
    fifth,
  ].join('\n');
  return defineRawMessage({
    id,
    mailbox: SUPPORT,
    folder: 'INBOX',
    seen: false,
    flagged: false,
    internalDate: landed.internalDate,
    expect: { subject: 'Invoice copy', malformed: true },
    chunks: [
      `${landed.headers.join('\n')}
${commonHeaders(id, '2026-10-05T14:10:00+02:00', 'Invoice copy', 'support@muster.example')}
Content-Type: multipart/mixed; boundary="b64-broken"

--b64-broken
Content-Type: text/plain; charset=us-ascii

Copy of the invoice attached.

--b64-broken
Content-Type: application/pdf; name="invoice-copy.pdf"
Content-Disposition: attachment; filename="invoice-copy.pdf"
Content-Transfer-Encoding: base64

${broken}
--b64-broken--
`,
    ],
  });
}

function headerWithoutColon(): CorpusMessage {
  const id = 'malformed-header-without-colon';
  const at = '2026-10-05T14:20:04+02:00';
  const landed = arrival(id, ANNA, at);
  return defineRawMessage({
    id,
    mailbox: ANNA,
    folder: 'INBOX',
    seen: true,
    flagged: false,
    internalDate: landed.internalDate,
    expect: { subject: 'Quick question', malformed: true },
    chunks: [
      `${landed.headers.join('\n')}
${commonHeaders(id, '2026-10-05T14:20:00+02:00', 'Quick question', 'anna.meier@muster.example')}
X-Legacy-Gateway processed by gateway without a colon
Content-Type: text/plain; charset=us-ascii

Is the meeting still on for Friday?
`,
    ],
  });
}

function eightBitHeaders(): CorpusMessage {
  const id = 'malformed-8bit-raw-header';
  const at = '2026-10-05T14:30:05+02:00';
  const landed = arrival(id, ANNA, at);
  return defineRawMessage({
    id,
    mailbox: ANNA,
    folder: 'INBOX',
    seen: false,
    flagged: false,
    internalDate: landed.internalDate,
    // The subject is raw UTF-8 (legal only under SMTPUTF8), the From name raw ISO-8859-1 (never legal).
    expect: { subject: 'Grüsse aus Zürich', malformed: true },
    chunks: [
      `${landed.headers.join('\n')}\nFrom: "`,
      encodeText('Jürg Fässler', 'iso-8859-1'),
      `" <juerg@kunde-brunner.example>
To: anna.meier@muster.example
Subject: Grüsse aus Zürich
Date: ${mailDate('2026-10-05T14:30:00+02:00')}
Message-ID: ${messageId(id, 'kunde-brunner.example')}
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Liebe Grüsse vom Zürichsee.
`,
    ],
  });
}

function boundaryNeverAppears(): CorpusMessage {
  const id = 'malformed-boundary-never-appears';
  const at = '2026-10-05T14:40:06+02:00';
  const landed = arrival(id, LEA, at);
  return defineRawMessage({
    id,
    mailbox: LEA,
    folder: 'INBOX',
    seen: false,
    flagged: false,
    internalDate: landed.internalDate,
    expect: { subject: 'Layout files', malformed: true },
    chunks: [
      `${landed.headers.join('\n')}
${commonHeaders(id, '2026-10-05T14:40:00+02:00', 'Layout files', 'lea.rossi@studio-rossi.example')}
Content-Type: multipart/mixed; boundary="declared-boundary"

--some-other-boundary
Content-Type: text/plain; charset=us-ascii

The header announces one boundary, the body uses another.

--some-other-boundary
Content-Type: application/octet-stream; name="layout.bin"
Content-Disposition: attachment; filename="layout.bin"
Content-Transfer-Encoding: base64

${base64Text(pdfLike(4501, 900))}
--some-other-boundary--
`,
    ],
  });
}

function nestedBoundaryReused(): CorpusMessage {
  const id = 'malformed-nested-boundary-reused';
  const at = '2026-10-05T14:45:07+02:00';
  const landed = arrival(id, LEA, at);
  return defineRawMessage({
    id,
    mailbox: LEA,
    folder: 'Trash',
    seen: true,
    flagged: false,
    internalDate: landed.internalDate,
    expect: { subject: 'Same boundary twice', malformed: true },
    chunks: [
      `${landed.headers.join('\n')}
${commonHeaders(id, '2026-10-05T14:45:00+02:00', 'Same boundary twice', 'lea.rossi@studio-rossi.example')}
Content-Type: multipart/mixed; boundary="reused"

--reused
Content-Type: multipart/alternative; boundary="reused"

--reused
Content-Type: text/plain; charset=us-ascii

plain
--reused
Content-Type: text/html; charset=us-ascii

<p>html</p>
--reused--

--reused
Content-Type: text/plain; name="notes.txt"
Content-Disposition: attachment; filename="notes.txt"

notes
--reused--
`,
    ],
  });
}

function truncated(): CorpusMessage {
  const id = 'malformed-truncated';
  const at = '2026-10-05T14:50:08+02:00';
  const landed = arrival(id, ANNA, at);
  const payload = base64Text(pdfLike(4701, 6_000));
  // Cut in the middle of a base64 line, as a connection drop or a full disk would leave it.
  // A cut right after a CR would leave a bare CR; the corpus keeps CRLF-only line ends even when broken.
  const cut = payload.slice(0, Math.floor(payload.length / 2) + 17).replace(/\r$/, '');
  return defineRawMessage({
    id,
    mailbox: ANNA,
    folder: 'Archive',
    seen: true,
    flagged: false,
    internalDate: landed.internalDate,
    expect: { subject: 'Signed contract', malformed: true },
    chunks: [
      `${landed.headers.join('\n')}
${commonHeaders(id, '2026-10-05T14:50:00+02:00', 'Signed contract', 'anna.meier@muster.example')}
Content-Type: multipart/mixed; boundary="cut-short"

--cut-short
Content-Type: text/plain; charset=us-ascii

Signed contract attached.

--cut-short
Content-Type: application/pdf; name="contract-signed.pdf"
Content-Disposition: attachment; filename="contract-signed.pdf"
Content-Transfer-Encoding: base64

${cut}`,
    ],
  });
}

export function malformedMessages(): CorpusMessage[] {
  return [
    missingClosingBoundary(),
    badBase64(),
    headerWithoutColon(),
    eightBitHeaders(),
    boundaryNeverAppears(),
    nestedBoundaryReused(),
    truncated(),
  ];
}
