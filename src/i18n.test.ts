import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Catalogue = Record<string, { message: string; placeholders?: Record<string, unknown> }>;

const LOCALES_DIR = new URL('../public/_locales/', import.meta.url);
const REQUIRED = ['en', 'de', 'fr', 'it'];
const load = (locale: string): Catalogue =>
  JSON.parse(readFileSync(new URL(`${locale}/messages.json`, LOCALES_DIR), 'utf8')) as Catalogue;
const positional = (text: string) => [...text.matchAll(/\$(\d)/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const english = load('en');

  it('exist for exactly en, de, fr and it', () => {
    expect(readdirSync(LOCALES_DIR).sort()).toEqual([...REQUIRED].sort());
  });

  for (const locale of REQUIRED.filter((l) => l !== 'en')) {
    it(`${locale} has every English key, no extra key, and the same substitutions`, () => {
      const catalogue = load(locale);
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(english).sort());
      for (const [key, { message }] of Object.entries(catalogue)) {
        expect(message.trim(), `${locale}.${key} is empty`).not.toBe('');
        expect(positional(message), `${locale}.${key} substitutions`).toEqual(positional(english[key]!.message));
      }
    });
  }

  it('keys are valid Chrome message names', () => {
    for (const key of Object.keys(english)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('the store name fits the 75-character limit and the description the 132-character limit', () => {
    for (const locale of REQUIRED) {
      const catalogue = load(locale);
      expect(catalogue.extName!.message.length).toBeLessThanOrEqual(75);
      expect(catalogue.extDescription!.message.length, locale).toBeLessThanOrEqual(132);
    }
  });
});
