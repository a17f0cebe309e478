import { describe, expect, it } from 'vitest';
import { sameMailboxAddress, webmailIndexOf } from './mailbox-identity';
import type { Mailbox } from './types';

// Which mailbox of the webmail's session a link made from another sign-in's mailbox list (a personal token's) names.

const box = (email: string, is_primary = false, uuid = `uuid-of-${email}`) => ({ email, is_primary, uuid }) as Mailbox;

const anna = [box('anna@muster.example', true), box('support@muster.example'), box('lea@studio.example')];
const beat = [box('beat@huber.example', true), box('buchhaltung@huber.example')];

describe('webmailIndexOf', () => {
  it('finds each mailbox of the same account where it is, in the webmail order (primary first, then by address)', () => {
    // Given in another order than the webmail's, as an API may list them.
    const session = [anna[2]!, anna[1]!, anna[0]!];
    expect(webmailIndexOf(session, 'anna@muster.example')).toBe(0);
    expect(webmailIndexOf(session, 'lea@studio.example')).toBe(1);
    expect(webmailIndexOf(session, 'support@muster.example')).toBe(2);
  });

  it("finds none of another account's mailboxes, though both accounts have a mailbox at index 0", () => {
    expect(webmailIndexOf(anna, 'beat@huber.example')).toBeNull();
    expect(webmailIndexOf(anna, 'buchhaltung@huber.example')).toBeNull();
    expect(webmailIndexOf(beat, 'anna@muster.example')).toBeNull();
  });

  it('finds a mailbox two accounts share under the index the session gives it, not the other account’s', () => {
    const shared = box('team@shared.example');
    // Beat's own list: beat (0), buchhaltung (1), team (2). Anna's: anna (0), lea (1), support (2), team (3).
    expect(webmailIndexOf([...beat, shared], 'team@shared.example')).toBe(2);
    expect(webmailIndexOf([...anna, shared], 'team@shared.example')).toBe(3);
  });

  it('matches an address whatever its case or surrounding space, and nothing in an empty list', () => {
    expect(webmailIndexOf(anna, ' Support@Muster.EXAMPLE ')).toBe(2);
    expect(webmailIndexOf([], 'anna@muster.example')).toBeNull();
  });

  it('does not take a mailbox for another whose address merely contains it', () => {
    expect(webmailIndexOf(anna, 'nna@muster.example')).toBeNull();
    expect(webmailIndexOf(anna, 'anna@muster.example.org')).toBeNull();
    expect(sameMailboxAddress('anna@muster.example', 'anna@muster.exampl')).toBe(false);
  });
});
