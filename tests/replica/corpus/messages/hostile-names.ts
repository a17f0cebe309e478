/**
 * Attachment names meant to hurt whoever saves them: path traversal, Windows reserved device names, characters
 * forbidden in file names, control characters, a right-to-left override, a double extension, a 300-byte name, an empty name, leading
 * and trailing dots and spaces.
 *
 * Names that cannot survive a quoted-string (control characters, line breaks) are sent in RFC 2231 form, where
 * percent-encoding says unambiguously which bytes the sender meant; the expectations hold those exact strings.
 */

import { mailDate } from '../dates.ts';
import { type Attachment, attachment, defineMessage } from '../define.ts';
import { infomaniakArrival } from '../infomaniak-trace.ts';
import { textFile } from '../files.ts';
import { ANNA, SUPPORT } from '../mailboxes.ts';
import { multipart, type NameStyle, textPart } from '../mime-builder.ts';
import { ANNA_MEIER, formatAddress, SUPPORT_DESK } from '../people.ts';
import { messageId } from '../tokens.ts';
import type { CorpusMessage } from '../types.ts';

const RFC2231: NameStyle = { kind: 'rfc2231', charset: 'utf-8', sectionLength: 60 };
const RFC2047: NameStyle = { kind: 'rfc2047', charset: 'utf-8', encoding: 'B' };
const QUOTED: NameStyle = { kind: 'quoted' };

function hostileFile(
  name: string,
  nameStyle: NameStyle,
  body: string,
  mimeType = 'application/octet-stream',
): Attachment {
  return attachment({ content: textFile(body), mimeType, name, nameStyle });
}

function attackerArrival(label: string, recipient: string, at: string) {
  return infomaniakArrival({
    label,
    recipient,
    from: 'unknown (unknown [192.0.2.200])',
    at,
    protocol: 'ESMTP',
    authResults: [
      'dkim=none (message not signed)',
      'spf=none smtp.mailfrom=drop@files-now.example',
      'dmarc=none header.from=files-now.example',
    ],
    spam: 'ham',
  });
}

function hostileMessage(
  id: string,
  recipient: { mailbox: string; address: string },
  at: string,
  subject: string,
  files: Attachment[],
): CorpusMessage {
  const arrival = attackerArrival(id, recipient.mailbox, at);
  return defineMessage({
    id,
    mailbox: recipient.mailbox,
    folder: 'INBOX',
    seen: false,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: files.map((file) => file.expected) },
    headers: [
      ...arrival.headers,
      'From: File Drop <drop@files-now.example>',
      `To: ${recipient.address}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(at)}`,
      `Message-ID: ${messageId(id, 'files-now.example')}`,
    ],
    body: multipart('mixed', [
      textPart('Your files are attached.\n', { transfer: '7bit' }),
      ...files.map((file) => file.part),
    ]),
  });
}

const SUPPORT_RCPT = { mailbox: SUPPORT, address: formatAddress(SUPPORT_DESK) };
const ANNA_RCPT = { mailbox: ANNA, address: formatAddress(ANNA_MEIER) };

function pathNames(): CorpusMessage {
  return hostileMessage('hostile-names-paths', SUPPORT_RCPT, '2026-10-19T03:14:15+02:00', 'Shared files (paths)', [
    hostileFile('../../etc/passwd', QUOTED, 'root:x:0:0:not really:/root:/bin/sh\n'),
    hostileFile('..\\evil.bat', RFC2231, '@echo this would run\n'),
    hostileFile('..\\..\\Windows\\System32\\drivers\\etc\\hosts', RFC2047, '127.0.0.1 bank.example\n'),
    hostileFile('/tmp/absolute.sh', QUOTED, 'echo absolute path\n'),
    hostileFile('a/b\\c:d*e?f"g<h>i|j.txt', RFC2231, 'every forbidden character\n', 'text/plain'),
    hostileFile('C:\\Users\\Public\\Desktop\\shortcut.lnk', RFC2231, 'drive letter\n'),
  ]);
}

function windowsNames(): CorpusMessage {
  return hostileMessage(
    'hostile-names-windows',
    SUPPORT_RCPT,
    '2026-10-19T03:20:00+02:00',
    'Shared files (Windows names)',
    [
      hostileFile('CON.txt', QUOTED, 'reserved device name\n', 'text/plain'),
      hostileFile('nul', QUOTED, 'reserved device name without extension\n'),
      hostileFile('com1.log', QUOTED, 'serial port\n'),
      hostileFile('.htaccess', QUOTED, 'Deny from all\n'),
      hostileFile('...hidden', QUOTED, 'leading dots\n'),
      hostileFile('trailing dots...', QUOTED, 'trailing dots\n'),
      hostileFile('trailing spaces   ', QUOTED, 'trailing spaces\n'),
      hostileFile(' leading space.txt', RFC2231, 'leading space\n', 'text/plain'),
    ],
  );
}

// Exactly 300 bytes of UTF-8: 'Jahresübersicht-' (17 bytes) + 139 × 'ä' (278 bytes) + '.pdf' (4 bytes) + '_' (1 byte).
export const LONG_NAME = `Jahresübersicht-${'ä'.repeat(139)}_.pdf`;

function encodingTricks(): CorpusMessage {
  return hostileMessage('hostile-names-control-bidi-long', ANNA_RCPT, '2026-10-19T03:25:42+02:00', 'Invoice attached', [
    // Shows as "invoiceexe.pdf" in a right-to-left aware renderer, but is an .exe.
    hostileFile('invoice\u202Efdp.exe', RFC2047, 'MZ not really an executable\n'),
    // A program dressed as a PDF: the double extension the risky-file check and the toolbar's count must catch.
    hostileFile('Rechnung.pdf.exe', QUOTED, 'MZ not really an executable either\n'),
    hostileFile('bell\u0007tab\tescape\u001b[31mred.txt', RFC2231, 'control characters\n', 'text/plain'),
    hostileFile('line\r\nbreak: injected.txt', RFC2231, 'a header line break inside a name\n', 'text/plain'),
    hostileFile('nul\u0000byte.txt', RFC2231, 'a NUL inside a name\n', 'text/plain'),
    hostileFile(LONG_NAME, RFC2231, 'a 300-byte name\n', 'application/pdf'),
    hostileFile('', QUOTED, 'a part whose name is empty\n'),
  ]);
}

export function hostileNameMessages(): CorpusMessage[] {
  return [pathNames(), windowsNames(), encodingTricks()];
}
