/**
 * Senders that lie and headers that attack the page showing them: a display name holding a different address,
 * Reply-To and Return-Path on other domains, lookalike (punycode and digit-for-letter) domains, and HTML/script
 * payloads in Subject and display names, both plain and hidden in encoded-words. Anything that renders these
 * headers must show them as text.
 */

import { mailDate } from '../dates.ts';
import { defineMessage } from '../define.ts';
import { encodeWords } from '../header-encoding.ts';
import { infomaniakArrival } from '../infomaniak-trace.ts';
import { ANNA, LEA, SUPPORT } from '../mailboxes.ts';
import { multipart, textPart } from '../mime-builder.ts';
import { ANNA_MEIER, formatAddress, SUPPORT_DESK } from '../people.ts';
import { messageId } from '../tokens.ts';
import type { CorpusMessage } from '../types.ts';

function suspiciousArrival(label: string, recipient: string, at: string, host: string, ip: string, mailFrom: string) {
  const domain = mailFrom.split('@')[1]!;
  return infomaniakArrival({
    label,
    recipient,
    from: `${host} (${host} [${ip}])`,
    at,
    authResults: [
      `dkim=pass header.d=${domain} header.s=default`,
      `spf=pass smtp.mailfrom=${mailFrom}`,
      `dmarc=pass header.from=${domain}`,
    ],
    spam: 'ham',
  });
}

function displayNameHoldsAddress(): CorpusMessage {
  const id = 'display-name-holds-other-address';
  const sent = '2026-10-23T08:12:00+02:00';
  const subject = 'Rückerstattung Ihrer Zahlung';
  const arrival = suspiciousArrival(
    id,
    SUPPORT,
    '2026-10-23T08:12:05+02:00',
    'smtp.evil.example',
    '192.0.2.66',
    'x@evil.example',
  );
  return defineMessage({
    id,
    mailbox: SUPPORT,
    folder: 'INBOX',
    seen: false,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      // The envelope sender is a third domain again.
      'Return-Path: <bounce-7781@bulk-sender.example>',
      ...arrival.headers,
      'From: "service@bank.example" <x@evil.example>',
      'Reply-To: "Bank Refunds" <claims@refund-desk.example>',
      `To: ${formatAddress(SUPPORT_DESK)}`,
      `Subject: ${encodeWords(subject, 'utf-8', 'Q')}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId(id, 'evil.example')}`,
    ],
    body: textPart('Ihre Rückerstattung von CHF 412.50 ist bereit. Antworten Sie mit Ihrer IBAN.\n'),
  });
}

function lookalikeDomains(): CorpusMessage {
  const id = 'lookalike-punycode-domain';
  const sent = '2026-11-09T19:45:00+01:00';
  const subject = 'Your account has been limited';
  // xn--pypal-4ve.example is "pаypal.example" with a Cyrillic "а" (U+0430).
  const arrival = suspiciousArrival(
    id,
    ANNA,
    '2026-11-09T19:45:04+01:00',
    'mail.xn--pypal-4ve.example',
    '192.0.2.88',
    'service@xn--pypal-4ve.example',
  );
  return defineMessage({
    id,
    mailbox: ANNA,
    folder: 'Spam',
    seen: false,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      'Return-Path: <service@xn--pypal-4ve.example>',
      ...arrival.headers,
      'From: PayPal <service@xn--pypal-4ve.example>',
      'Reply-To: PayPal Support <help@paypa1.example>',
      `To: ${formatAddress(ANNA_MEIER)}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId(id, 'xn--pypal-4ve.example')}`,
    ],
    body: multipart('alternative', [
      textPart('Please confirm your identity: https://paypa1.example/verify\n'),
      textPart('<p>Please <a href="https://paypa1.example/verify">confirm your identity at paypal.example</a>.</p>\n', {
        subtype: 'html',
      }),
    ]),
  });
}

function htmlInHeaders(): CorpusMessage {
  const id = 'html-payload-in-headers';
  const sent = '2026-10-17T21:21:21+02:00';
  const subject = '<img src=x onerror=alert(1)> Rechnung <script>alert("subject")</script>';
  const arrival = suspiciousArrival(
    id,
    LEA,
    '2026-10-17T21:21:25+02:00',
    'mx.xss-test.example',
    '192.0.2.91',
    'probe@xss-test.example',
  );
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
      `From: "<script>alert('from')</script>" <probe@xss-test.example>`,
      `To: "<b onmouseover=alert(2)>Lea</b>" <${LEA}>`,
      `Cc: "\\"><svg onload=alert(3)>" <cc@xss-test.example>`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: <"><img src=x onerror=alert(4)>@xss-test.example>`,
      'X-Mailer: <iframe src="javascript:alert(5)"></iframe>',
    ],
    body: textPart('Header fields with markup in them.\n', { transfer: '7bit' }),
  });
}

function htmlInEncodedWords(): CorpusMessage {
  const id = 'encoded-word-html-payload';
  const sent = '2026-10-17T21:30:00+02:00';
  const subject = '<svg/onload=alert(document.domain)> Ihre Bestellung';
  const fromName = '<img src=x onerror=alert("from")>';
  const arrival = suspiciousArrival(
    id,
    ANNA,
    '2026-10-17T21:30:04+02:00',
    'mx.xss-test.example',
    '192.0.2.91',
    'probe@xss-test.example',
  );
  return defineMessage({
    id,
    mailbox: ANNA,
    folder: 'Trash',
    seen: true,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      ...arrival.headers,
      // Encoded-words hide the markup from naive header scanners; it only appears after decoding.
      `From: ${encodeWords(fromName, 'utf-8', 'B')} <probe@xss-test.example>`,
      // A display name that decodes to a different address, followed by the real one.
      `Reply-To: ${encodeWords('service@bank.example', 'utf-8', 'Q')} <collect@xss-test.example>`,
      `To: ${formatAddress(ANNA_MEIER)}`,
      `Subject: ${encodeWords(subject, 'utf-8', 'B')}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId(id, 'xss-test.example')}`,
    ],
    body: textPart('Encoded-words that decode to markup.\n', { transfer: '7bit' }),
  });
}

export function deceptiveSenderMessages(): CorpusMessage[] {
  return [displayNameHoldsAddress(), lookalikeDomains(), htmlInHeaders(), htmlInEncodedWords()];
}
