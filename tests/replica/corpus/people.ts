/** Correspondents of the replica account. Every domain is under the reserved .example TLD. */

import { encodeWords, quotedString } from './header-encoding.ts';

export interface Person {
  name: string;
  email: string;
}

export const ANNA_MEIER: Person = { name: 'Anna Meier', email: 'anna.meier@muster.example' };
export const SUPPORT_DESK: Person = { name: 'Muster AG Support', email: 'support@muster.example' };
export const LEA_ROSSI: Person = { name: 'Lea Rossi', email: 'lea.rossi@studio-rossi.example' };

export const JONAS_KELLER: Person = { name: 'Jonas Keller', email: 'jonas.keller@baufirma-keller.example' };
export const CLAIRE_DUBOIS: Person = { name: 'Claire Dubois', email: 'claire.dubois@atelier-lumiere.example' };
export const MISAKI_TANAKA: Person = { name: '田中 美咲', email: 'm.tanaka@sakura-trading.example' };
export const MARCO_BIANCHI: Person = { name: 'Marco Bianchi', email: 'marco@bianchi-design.example' };
export const PETRA_MUELLER: Person = { name: 'Petra Müller', email: 'p.mueller@treuhand-mueller.example' };
export const THOMAS_BRUNNER: Person = { name: 'Thomas Brunner', email: 'thomas.brunner@kunde-brunner.example' };
export const SOFIA_KOWALSKI: Person = { name: 'Sofia Kowalski', email: 'sofia.kowalski@contoso-bau.example' };

// Plain phrase: atext words separated by single spaces (RFC 5322 §3.2.5).
const PLAIN_PHRASE = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+( [A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/;

/** An address as a mail client writes it: bare phrase, quoted string, or encoded-words for non-ASCII names. */
export function formatAddress(person: Person): string {
  if (person.name === '') return person.email;
  const isAscii = [...person.name].every((char) => char.charCodeAt(0) < 0x80);
  const phrase = !isAscii
    ? encodeWords(person.name, 'utf-8', 'Q')
    : PLAIN_PHRASE.test(person.name)
      ? person.name
      : quotedString(person.name);
  return `${phrase} <${person.email}>`;
}

export function formatAddresses(people: readonly Person[]): string {
  return people.map(formatAddress).join(',\n ');
}
