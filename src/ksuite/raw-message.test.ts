import { describe, expect, it } from 'vitest';
import { KsuiteApiClient } from './api-client';
import { checkRawMessage, downloadRawMessage } from './raw-message';

const REF = { uid: '7@f', shortUid: '7', folderId: 'f' };
const MESSAGE = 'Return-Path: <anna@example.org>\r\nFrom: Anna <anna@example.org>\r\nSubject: Offerte\r\n\r\nHallo\r\n';
const SIZE = 91; // MESSAGE.length
const bytes = (text: string) => new TextEncoder().encode(text);

/** A download answer whose Content-Length matches what it sends, as a proxy that cut the body "cleanly" gives. */
const download = (body: string, type = 'message/rfc822') =>
  new Response(body, { headers: { 'Content-Type': type, 'Content-Length': String(bytes(body).length) } });

function serving(...bodies: Response[]) {
  let asked = 0;
  const fetch = (async () => {
    asked++;
    const next = bodies.shift();
    if (!next) throw new Error('unexpected request');
    return next;
  }) as unknown as typeof globalThis.fetch;
  return { api: new KsuiteApiClient({ fetch, backoffMs: 1 }), asked: () => asked };
}

describe('checkRawMessage', () => {
  it('knows the sample size', () => {
    expect(bytes(MESSAGE).length).toBe(SIZE);
  });

  it('takes a message of exactly its size, or longer, or with no size to compare', () => {
    expect(checkRawMessage(bytes(MESSAGE), 91)).toBe('whole');
    expect(checkRawMessage(bytes(MESSAGE), 80)).toBe('whole');
    expect(checkRawMessage(bytes(MESSAGE), null)).toBe('whole');
  });

  it('calls fewer bytes than the size short, even by one', () => {
    expect(checkRawMessage(bytes(MESSAGE), 92)).toBe('short');
    expect(checkRawMessage(bytes(MESSAGE.slice(0, 40)), 85)).toBe('short');
    expect(checkRawMessage(new Uint8Array(0), 85)).toBe('short');
  });

  it('refuses what is not a message, whatever its length', () => {
    const page = '<!DOCTYPE html><html><body>Anmelden</body></html>' + ' '.repeat(100);
    expect(checkRawMessage(bytes(page), 85)).toBe('not_a_message');
    expect(checkRawMessage(bytes(page), null)).toBe('not_a_message');
    expect(checkRawMessage(new Uint8Array(0), null)).toBe('not_a_message');
  });
});

describe('downloadRawMessage', () => {
  it('returns a whole message at the first try', async () => {
    const { api, asked } = serving(download(MESSAGE));
    const got = await downloadRawMessage(api, 'm', { ref: REF, size: SIZE });
    expect(new TextDecoder().decode(got)).toBe(MESSAGE);
    expect(asked()).toBe(1);
  });

  it('asks once more after a short body, and takes the whole one', async () => {
    const { api, asked } = serving(download(MESSAGE.slice(0, 50)), download(MESSAGE));
    const got = await downloadRawMessage(api, 'm', { ref: REF, size: SIZE });
    expect(new TextDecoder().decode(got)).toBe(MESSAGE);
    expect(asked()).toBe(2);
  });

  it('refuses a body short twice as incomplete', async () => {
    const { api, asked } = serving(download(MESSAGE.slice(0, 50)), download(MESSAGE.slice(0, 50)));
    await expect(downloadRawMessage(api, 'm', { ref: REF, size: SIZE })).rejects.toMatchObject({ kind: 'incomplete' });
    expect(asked()).toBe(2);
  });

  const page = '<!DOCTYPE html>\n<html><head><title>Infomaniak – Anmelden</title></head></html>\n'.repeat(3);

  it('refuses a page labelled as a message at once, without asking again', async () => {
    const { api, asked } = serving(download(page, 'message/rfc822'));
    await expect(downloadRawMessage(api, 'm', { ref: REF, size: SIZE })).rejects.toMatchObject({
      kind: 'bad_response',
    });
    expect(asked()).toBe(1);
  });

  it('takes an HTML page (the sign-in page of an expired session) for what it is: signed out', async () => {
    const { api, asked } = serving(download(page, 'text/html; charset=utf-8'));
    await expect(downloadRawMessage(api, 'm', { ref: REF, size: SIZE })).rejects.toMatchObject({
      kind: 'signed_out',
    });
    expect(asked()).toBe(1);
  });
});
