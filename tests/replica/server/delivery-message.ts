import { randomBytes } from 'node:crypto';

// A minimal but well-formed RFC 5322 message for "deliver a new message" when the caller gives only
// from/subject/text. Non-ASCII subjects use RFC 2047 encoded-words and the body is base64 UTF-8, so any text
// arrives intact.

export interface SimpleDelivery {
  from: string;
  subject: string;
  text: string;
  to?: string;
  /** Message-id this one replies to, so it joins that conversation. */
  inReplyTo?: string;
}

export function composeDeliveryMessage(delivery: SimpleDelivery, defaultTo: string, date = new Date()): Uint8Array {
  const domain = /@([^>\s]+)/.exec(delivery.from)?.[1] ?? 'replica.invalid';
  const lines = [
    `From: ${delivery.from}`,
    `To: ${delivery.to ?? defaultTo}`,
    `Subject: ${encodeHeaderText(delivery.subject)}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${randomBytes(12).toString('hex')}@${domain}>`,
    ...(delivery.inReplyTo ? [`In-Reply-To: ${delivery.inReplyTo}`, `References: ${delivery.inReplyTo}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    ...(Buffer.from(delivery.text, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []),
    '',
  ];
  return new Uint8Array(Buffer.from(lines.join('\r\n'), 'utf8'));
}

function encodeHeaderText(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  return `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}
