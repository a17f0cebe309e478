/**
 * Fresh messages for tests that "deliver" new mail into the replica (new-mail alerts, polling). Unlike the corpus
 * these are not deterministic: each gets a unique Message-ID so that dedupe logic sees a new message every time.
 */

import { mailDate, utcLocal } from './dates.ts';
import { attachment } from './define.ts';
import { encodeHeaderText } from './header-encoding.ts';
import { infomaniakArrival } from './infomaniak-trace.ts';
import { ANNA } from './mailboxes.ts';
import { multipart, type Part, renderMessage, textPart } from './mime-builder.ts';
import { formatAddress, JONAS_KELLER, type Person } from './people.ts';

export interface DeliveryOptions {
  from?: Person;
  to?: string;
  subject?: string;
  text?: string;
  date?: Date;
  attachments?: { name: string; mimeType: string; content: Uint8Array }[];
}

let deliveries = 0;

function uniqueLabel(): string {
  deliveries += 1;
  return `delivery-${Date.now().toString(36)}-${deliveries}-${globalThis.crypto.randomUUID().slice(0, 8)}`;
}

const PLAIN_NAME = /^[\x20-\x7e]*$/;

export function buildDeliveryMessage(options: DeliveryOptions = {}): Uint8Array {
  const label = uniqueLabel();
  const from = options.from ?? JONAS_KELLER;
  const to = options.to ?? ANNA;
  const date = utcLocal(options.date ?? new Date());
  const domain = from.email.split('@')[1] ?? 'muster.example';
  const arrival = infomaniakArrival({
    label,
    recipient: to,
    from: `mail.${domain} (mail.${domain} [192.0.2.10])`,
    at: date,
    authResults: [`dkim=none (message not signed)`, `spf=pass smtp.mailfrom=${from.email}`],
    spam: 'ham',
  });
  const text = textPart(options.text ?? 'Eine neue Nachricht für die Tests.\n');
  const files = (options.attachments ?? []).map((file) =>
    attachment({
      ...file,
      // Quoted ASCII names as most clients write them; anything else in RFC 2231 form.
      nameStyle: PLAIN_NAME.test(file.name) ? { kind: 'quoted' } : { kind: 'rfc2231', sectionLength: 60 },
    }),
  );
  const body: Part = files.length === 0 ? text : multipart('mixed', [text, ...files.map((file) => file.part)]);
  const headers = [
    `Return-Path: <${from.email}>`,
    ...arrival.headers,
    `Message-ID: <${label}@${domain}>`,
    `Date: ${mailDate(date)}`,
    `From: ${formatAddress(from)}`,
    `To: ${to}`,
    `Subject: ${encodeHeaderText(options.subject ?? 'Neue Nachricht')}`,
  ];
  return renderMessage(headers, body, label);
}
