/**
 * A second Infomaniak account, someone else's: its own mailboxes and a few messages. Its inbox numbers its messages
 * from 1 like every folder does, so a message of this account and one of the demo account share a folder id and a
 * uid: what a personal API token of this account must never be used to fetch in a page signed in as the demo user.
 */

import { mailDate } from './dates.ts';
import { defineMessage } from './define.ts';
import { encodeHeaderText } from './header-encoding.ts';
import { infomaniakArrival } from './infomaniak-trace.ts';
import { textPart } from './mime-builder.ts';
import { formatAddress, type Person } from './people.ts';
import { messageId } from './tokens.ts';
import type { CorpusMailbox, CorpusMessage } from './types.ts';

export const BEAT = 'beat.huber@huber-treuhand.example';
export const BOOKKEEPING = 'buchhaltung@huber-treuhand.example';

const BEAT_HUBER: Person = { name: 'Beat Huber', email: BEAT };

function folders(): CorpusMailbox['folders'] {
  return [
    { path: 'INBOX', name: 'INBOX', role: 'INBOX' },
    { path: 'Sent', name: 'Sent', role: 'SENT' },
    { path: 'Drafts', name: 'Drafts', role: 'DRAFT' },
    { path: 'Spam', name: 'Spam', role: 'SPAM' },
    { path: 'Trash', name: 'Trash', role: 'TRASH' },
    { path: 'Archive', name: 'Archive', role: 'ARCHIVE' },
  ];
}

export const SECOND_ACCOUNT_MAILBOXES: CorpusMailbox[] = [
  { email: BEAT, name: 'Beat Huber', isPrimary: true, folders: folders() },
  { email: BOOKKEEPING, name: 'Huber Treuhand Buchhaltung', isPrimary: false, folders: folders() },
];

interface Letter {
  id: string;
  from: Person;
  subject: string;
  text: string;
  /** Local Swiss time it arrived. */
  at: string;
  seen: boolean;
}

const LETTERS: Letter[] = [
  {
    id: 'second-account-mandate',
    from: { name: 'Nadia Frei', email: 'nadia.frei@frei-immobilien.example' },
    subject: 'Mandat Jahresabschluss 2026',
    text: 'Guten Tag Herr Huber\n\nAnbei wie besprochen die Unterlagen zum Mandat.\n\nFreundliche Grüsse\nNadia Frei\n',
    at: '2026-09-28T08:05:12+02:00',
    seen: true,
  },
  {
    id: 'second-account-payroll',
    from: { name: 'Reto Baumann', email: 'reto@baumann-garage.example' },
    subject: 'Lohnabrechnung Oktober',
    text: 'Hallo Beat\n\nKannst du die Lohnabrechnung bis Freitag prüfen?\n\nGruss\nReto\n',
    at: '2026-10-03T14:40:51+02:00',
    seen: false,
  },
  {
    id: 'second-account-vat',
    from: { name: 'Eidgenössische Steuerverwaltung', email: 'noreply@estv.example' },
    subject: 'Erinnerung: MWST-Abrechnung 3. Quartal',
    text: 'Die Abrechnung für das 3. Quartal ist bis 30. November einzureichen.\n',
    at: '2026-10-12T06:30:00+02:00',
    seen: false,
  },
];

function letter({ id, from, subject, text, at, seen }: Letter): CorpusMessage {
  const domain = from.email.split('@')[1]!;
  const arrival = infomaniakArrival({
    label: id,
    recipient: BEAT,
    from: `mail.${domain} (mail.${domain} [192.0.2.44])`,
    at,
    authResults: [`dkim=none (message not signed)`, `spf=pass smtp.mailfrom=${from.email}`],
    spam: 'ham',
  });
  return defineMessage({
    id,
    mailbox: BEAT,
    folder: 'INBOX',
    seen,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      `Return-Path: <${from.email}>`,
      ...arrival.headers,
      `Message-ID: ${messageId(id, domain)}`,
      `Date: ${mailDate(at)}`,
      `From: ${formatAddress(from)}`,
      `To: ${formatAddress(BEAT_HUBER)}`,
      `Subject: ${encodeHeaderText(subject)}`,
    ],
    body: textPart(text),
  });
}

export function secondAccountMessages(): CorpusMessage[] {
  return LETTERS.map(letter);
}
