import type { CorpusMessage, ReplicaCorpus } from '../corpus-contract.ts';

// A small hand-written corpus for the server tests: known threads, attachments, a broken message and enough
// filler to page. The project corpus is exercised separately (project-corpus.test.ts).

export const DEMO = 'demo@replica.example';
export const OTHER = 'other@replica.example';

const crlf = (lines: string[]) => new Uint8Array(Buffer.from(lines.join('\r\n'), 'utf8'));

export const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n% replica fixture\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n',
  'latin1',
);
export const NOTES_TEXT = 'Grüße aus Zürich\nline two\n';
export const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

function base64Lines(data: Buffer): string[] {
  return data.toString('base64').match(/.{1,76}/g) ?? [];
}

const kickoff = crlf([
  'From: Carla Chef <carla@example.net>',
  `To: Demo User <${DEMO}>`,
  'Subject: Project kickoff',
  'Date: Mon, 05 Jan 2026 09:00:00 +0100',
  'Message-ID: <kickoff@example.net>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Let us start on Monday.',
  '',
]);

const kickoffReply = crlf([
  'From: Bob Builder <bob@example.org>',
  `To: Demo User <${DEMO}>`,
  'Cc: Carla Chef <carla@example.net>',
  'Subject: Re: Project kickoff',
  'Date: Mon, 05 Jan 2026 10:30:00 +0100',
  'Message-ID: <reply-1@example.org>',
  'In-Reply-To: <kickoff@example.net>',
  'References: <kickoff@example.net>',
  'X-Priority: 1',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Monday works for me.',
  '',
]);

export const REPORT_SUBJECT = 'Quarterly report: figures & notes';

const withAttachments = crlf([
  'From: "Finance Team" <finance@example.com>',
  `To: ${DEMO}`,
  `Subject: ${REPORT_SUBJECT}`,
  'Date: Tue, 06 Jan 2026 08:15:00 +0000',
  'Message-ID: <report@example.com>',
  'List-Unsubscribe: <mailto:unsubscribe@example.com>',
  'X-Infomaniak-Spam: ham',
  'DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel; b=AAAA',
  'Authentication-Results: mta-gw.infomaniak.ch; dkim=pass header.d=example.com',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="outer"',
  '',
  '--outer',
  'Content-Type: multipart/related; boundary="related"',
  '',
  '--related',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<html><body><p>See the <b>figures</b>.</p><img src="cid:logo@example.com"></body></html>',
  '--related',
  'Content-Type: image/png',
  'Content-Transfer-Encoding: base64',
  'Content-ID: <logo@example.com>',
  'Content-Disposition: inline; filename="logo.png"',
  '',
  ...base64Lines(PNG_BYTES),
  '--related--',
  '--outer',
  'Content-Type: application/pdf; name="report.pdf"',
  'Content-Transfer-Encoding: base64',
  'Content-Disposition: attachment; filename="report.pdf"',
  '',
  ...base64Lines(PDF_BYTES),
  '--outer',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: base64',
  "Content-Disposition: attachment; filename*=UTF-8''Notizen%20Z%C3%BCrich.txt",
  '',
  ...base64Lines(Buffer.from(NOTES_TEXT, 'utf8')),
  '--outer--',
  '',
]);

/** Headers and MIME that do not hold together: no blank line after headers, unterminated multipart. */
const malformed = new Uint8Array(
  Buffer.from(
    'Subject: =?x-unknown?Q?broken?=\r\nFrom: <<<not an address\r\nContent-Type: multipart/mixed; boundary=\r\n--\r\n\u0000\u0001 body without end',
    'latin1',
  ),
);

function filler(n: number): Uint8Array {
  return crlf([
    `From: Newsletter ${n} <news${n}@example.org>`,
    `To: ${DEMO}`,
    `Subject: Filler number ${n}`,
    `Date: Thu, 01 Jan 2026 ${String(Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00 +0000`,
    `Message-ID: <filler-${n}@example.org>`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    `Body of filler ${n}.`,
    '',
  ]);
}

export const FILLER_COUNT = 55;

function message(
  id: string,
  folder: string,
  raw: Uint8Array,
  internalDate: string,
  flags: Partial<Pick<CorpusMessage, 'seen' | 'flagged' | 'answered'>> = {},
  mailbox = DEMO,
): CorpusMessage {
  return {
    id,
    mailbox,
    folder,
    raw,
    internalDate,
    seen: flags.seen ?? false,
    flagged: flags.flagged ?? false,
    answered: flags.answered,
  };
}

export function fixtureCorpus(): ReplicaCorpus {
  const messages: CorpusMessage[] = [
    message('kickoff', 'INBOX', kickoff, '2026-01-05T08:00:05Z', { seen: true, answered: true }),
    message('kickoff-reply', 'INBOX', kickoffReply, '2026-01-05T09:30:05Z'),
    message('report', 'INBOX', withAttachments, '2026-01-06T08:15:05Z', { flagged: true }),
    message('malformed', 'INBOX', malformed, '2026-01-07T00:00:00Z', { seen: true }),
    message('other-inbox', 'INBOX', kickoff, '2026-01-05T08:00:05Z', {}, OTHER),
  ];
  for (let n = 0; n < FILLER_COUNT; n += 1) {
    messages.push(
      message(`filler-${n}`, 'INBOX/Projects', filler(n), new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(), {
        seen: n % 2 === 0,
      }),
    );
  }
  return {
    mailboxes: [
      { email: OTHER, name: 'Other Box', isPrimary: false, folders: [{ path: 'INBOX', name: 'INBOX', role: 'INBOX' }] },
      {
        email: DEMO,
        name: 'Demo User',
        isPrimary: true,
        folders: [
          { path: 'INBOX', name: 'INBOX', role: 'INBOX', children: [{ path: 'INBOX/Projects', name: 'Projects' }] },
          { path: 'Sent', name: 'Sent', role: 'SENT' },
          { path: 'Trash', name: 'Trash', role: 'TRASH' },
        ],
      },
    ],
    messages,
  };
}
