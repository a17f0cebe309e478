import { describe, expect, it } from 'vitest';
import { emlFileName, MAX_SUBJECT_LENGTH, subjectFileStem, zipArchiveName } from './naming';
import { utf8Length } from './safe-file-name';

const date = new Date('2026-03-05T08:14:30Z');

describe('zipArchiveName', () => {
  it('puts the day in the given zone, an en dash and the subject', () => {
    expect(zipArchiveName(date, 'Quarterly report', { timeZone: 'Europe/Zurich' })).toBe(
      '2026-03-05 – Quarterly report.zip',
    );
  });

  it('uses the zone to decide the day', () => {
    const lateEvening = new Date('2026-03-05T23:30:00Z');
    expect(zipArchiveName(lateEvening, 'x', { timeZone: 'UTC' })).toBe('2026-03-05 – x.zip');
    expect(zipArchiveName(lateEvening, 'x', { timeZone: 'Europe/Zurich' })).toBe('2026-03-06 – x.zip');
    expect(zipArchiveName(lateEvening, 'x', { timeZone: 'America/New_York' })).toBe('2026-03-05 – x.zip');
  });

  it('leaves the date out when it is missing or invalid', () => {
    expect(zipArchiveName(undefined, 'Hello')).toBe('Hello.zip');
    expect(zipArchiveName(null, 'Hello')).toBe('Hello.zip');
    expect(zipArchiveName(new Date('garbage'), 'Hello')).toBe('Hello.zip');
  });

  it('uses the fallback word for an empty or blank subject', () => {
    expect(zipArchiveName(date, '', { timeZone: 'UTC', fallbackSubject: 'kein Betreff' })).toBe(
      '2026-03-05 – kein Betreff.zip',
    );
    expect(zipArchiveName(date, '  \t ', { timeZone: 'UTC', fallbackSubject: 'sans objet' })).toBe(
      '2026-03-05 – sans objet.zip',
    );
    expect(zipArchiveName(date, null, { timeZone: 'UTC' })).toBe('2026-03-05 – message.zip');
  });

  it('makes the subject safe', () => {
    expect(zipArchiveName(date, 'Re: Q1/Q2 "final"?', { timeZone: 'UTC' })).toBe('2026-03-05 – Re_ Q1_Q2 _final__.zip');
    expect(zipArchiveName(undefined, 'CON')).toBe('CON_.zip');
    expect(zipArchiveName(undefined, '..')).toBe('message.zip');
    expect(zipArchiveName(date, 'Invoice\u202Efdp.exe', { timeZone: 'UTC' })).toBe('2026-03-05 – Invoicefdp.exe.zip');
  });

  it('collapses folded whitespace in subjects', () => {
    expect(zipArchiveName(date, 'Long\r\n  folded\tsubject', { timeZone: 'UTC' })).toBe(
      '2026-03-05 – Long folded subject.zip',
    );
  });

  it('trims long subjects to a sensible length', () => {
    expect(zipArchiveName(date, 'a'.repeat(500), { timeZone: 'UTC' })).toBe(
      `2026-03-05 – ${'a'.repeat(MAX_SUBJECT_LENGTH)}.zip`,
    );
    // Two-byte letters hit the 255-byte limit first; the extension survives.
    const name = zipArchiveName(date, 'ä'.repeat(500), { timeZone: 'UTC' });
    expect(utf8Length(name)).toBeLessThanOrEqual(255);
    expect(name).toMatch(/^2026-03-05 – ä+\.zip$/);
  });

  it('uses the runtime zone by default', () => {
    const local = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
    expect(zipArchiveName(date, 'x')).toBe(`${local} – x.zip`);
  });
});

describe('emlFileName', () => {
  it('adds the time as HHmm', () => {
    expect(emlFileName(date, 'Quarterly report', { timeZone: 'Europe/Zurich' })).toBe(
      '2026-03-05 0914 – Quarterly report.eml',
    );
    expect(emlFileName(date, 'Quarterly report', { timeZone: 'UTC' })).toBe('2026-03-05 0814 – Quarterly report.eml');
    expect(emlFileName(date, 'x', { timeZone: 'Asia/Tokyo' })).toBe('2026-03-05 1714 – x.eml');
  });

  it('uses 00 for midnight, not 24', () => {
    expect(emlFileName(new Date('2026-01-01T00:05:00Z'), 'x', { timeZone: 'UTC' })).toBe('2026-01-01 0005 – x.eml');
  });

  it('handles missing dates and subjects like zipArchiveName', () => {
    expect(emlFileName(undefined, '', { fallbackSubject: 'senza oggetto' })).toBe('senza oggetto.eml');
  });
});

describe('subjectFileStem', () => {
  it('gives a folder-ready name without extension', () => {
    expect(subjectFileStem('Fwd: Bon à tirer')).toBe('Fwd_ Bon à tirer');
    expect(subjectFileStem('', 'no subject')).toBe('no subject');
    expect(subjectFileStem('...', 'no subject')).toBe('no subject');
  });
});

describe('names without the date, when the user prefers', () => {
  const date = new Date('2026-11-04T15:02:11Z');
  it('leave out the date but keep subject and extension', () => {
    expect(zipArchiveName(date, 'Quarterly report', { withDate: false })).toBe('Quarterly report.zip');
    expect(emlFileName(date, 'Quarterly report', { withDate: false, timeZone: 'UTC' })).toBe('Quarterly report.eml');
    expect(emlFileName(date, 'Quarterly report', { timeZone: 'UTC' })).toBe('2026-11-04 1502 – Quarterly report.eml');
  });
});
