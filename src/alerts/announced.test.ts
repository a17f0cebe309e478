import { describe, expect, it } from 'vitest';
import { notYetAnnounced, rememberAnnounced } from './announced';
import type { NewMail } from './check-mail';

const mail = (dedupeKey: string): NewMail => ({
  dedupeKey,
  mailboxUuid: 'm',
  mailboxEmail: 'a@example.net',
  mailboxIndex: 0,
  folderId: 'f',
  uid: `${dedupeKey}@f`,
  shortUid: dedupeKey,
  fromName: '',
  fromEmail: '',
  subject: '',
  preview: '',
  date: 0,
});

describe('the announced log', () => {
  it('lets through only what was never announced, each once', () => {
    const fresh = notYetAnnounced([mail('a'), mail('b'), mail('b'), mail('c')], { a: 1 });
    expect(fresh.map((m) => m.dedupeKey)).toEqual(['b', 'c']);
  });

  it('forgets entries older than 30 days', () => {
    const now = Date.UTC(2026, 5, 1);
    const log = rememberAnnounced({ old: now - 31 * 86_400_000, recent: now - 86_400_000 }, ['new'], now);
    expect(Object.keys(log).sort()).toEqual(['new', 'recent']);
  });

  it('keeps at most 2000 entries, dropping the oldest', () => {
    const now = 10_000_000;
    const log = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, now - 2000 + i]));
    const next = rememberAnnounced(log, ['latest'], now);
    expect(Object.keys(next)).toHaveLength(2000);
    expect(next).not.toHaveProperty('k0');
    expect(next).toHaveProperty('latest', now);
  });
});
