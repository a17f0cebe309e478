import { describe, expect, it } from 'vitest';
import { KsuiteApiClient } from './api-client';
import { KsuiteApiError } from './api-error';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const success = (data: unknown) => json(200, { result: 'success', data });
const failure = (status: number, code: string, headers?: Record<string, string>) =>
  json(status, { result: 'error', error: { code, description: code } }, headers);

/** A fetch that answers from a script and records what was asked. */
function scripted(...answers: (Response | Error)[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const answer = answers.shift();
    if (!answer) throw new Error('unexpected request');
    if (answer instanceof Error) throw answer;
    return answer;
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const fast = { backoffMs: 1 };

describe('KsuiteApiClient', () => {
  it('unwraps the success envelope and uses the session cookies when no token is set', async () => {
    const { fetch, calls } = scripted(success([{ uuid: 'u1' }]));
    const mailboxes = await new KsuiteApiClient({ fetch }).mailboxes();
    expect(mailboxes).toEqual([{ uuid: 'u1' }]);
    expect(calls[0]!.url).toBe('https://mail.infomaniak.com/api/mailbox?with=aliases,unseen');
    expect(calls[0]!.init.credentials).toBe('include');
    expect((calls[0]!.init.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it('sends a personal token as Bearer, and then no cookies', async () => {
    const { fetch, calls } = scripted(success('pong'));
    await new KsuiteApiClient({ fetch, token: 'secret' }).ping();
    expect((calls[0]!.init.headers as Record<string, string>).Authorization).toBe('Bearer secret');
    expect(calls[0]!.init.credentials).toBe('omit');
  });

  it('never sends anything to another host, even if a resource path says so', async () => {
    const { fetch, calls } = scripted();
    const client = new KsuiteApiClient({ fetch, token: 'secret' });
    await expect(client.resource('https://evil.example/steal')).rejects.toMatchObject({ kind: 'bad_response' });
    await expect(client.resource('//evil.example/steal')).rejects.toMatchObject({ kind: 'bad_response' });
    expect(calls).toHaveLength(0);
  });

  it('maps 401 to signed_out at once, without retrying', async () => {
    const { fetch, calls } = scripted(failure(401, 'not_authorized'));
    await expect(new KsuiteApiClient({ fetch, ...fast }).ping()).rejects.toMatchObject({ kind: 'signed_out' });
    expect(calls).toHaveLength(1);
  });

  it('maps mail__message_not_found to not_found', async () => {
    const { fetch } = scripted(failure(404, 'mail__message_not_found'));
    const error = await new KsuiteApiClient({ fetch, ...fast })
      .message('u', { uid: '1@f', shortUid: '1', folderId: 'f' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KsuiteApiError);
    expect((error as KsuiteApiError).kind).toBe('not_found');
    expect((error as KsuiteApiError).detail.code).toBe('mail__message_not_found');
  });

  it('retries 429 and 5xx and network faults with back-off, then succeeds', async () => {
    const { fetch, calls } = scripted(
      failure(429, 'too_many_request', { 'Retry-After': '0' }),
      failure(500, 'internal_server_error'),
      new TypeError('network down'),
      new TypeError('network still down'), // the one look for a sign-in redirect
      success('pong'),
    );
    await expect(new KsuiteApiClient({ fetch, ...fast }).ping()).resolves.toBe('pong');
    expect(calls).toHaveLength(5);
  });

  it('gives up after its retries with the last kind of failure', async () => {
    const { fetch, calls } = scripted(...Array.from({ length: 4 }, () => failure(503, 'service_unavailable')));
    await expect(new KsuiteApiClient({ fetch, ...fast }).ping()).rejects.toMatchObject({
      kind: 'server',
      detail: { status: 503 },
    });
    expect(calls).toHaveLength(4);
  });

  it('stops waiting at once when aborted during a back-off', async () => {
    const { fetch } = scripted(failure(500, 'x'));
    const controller = new AbortController();
    const pending = new KsuiteApiClient({ fetch, backoffMs: 60_000 }).ping(controller.signal);
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('refuses a body shorter than its Content-Length', async () => {
    const { fetch } = scripted(new Response(new Uint8Array(10), { headers: { 'Content-Length': '20' } }));
    await expect(new KsuiteApiClient({ fetch }).resource('/api/x')).rejects.toMatchObject({ kind: 'incomplete' });
  });

  it('hands a resource over as a Blob, and refuses one shorter than its Content-Length', async () => {
    const whole = scripted(new Response(Uint8Array.of(1, 2, 3), { headers: { 'Content-Length': '3' } }));
    const blob = await new KsuiteApiClient({ fetch: whole.fetch }).resourceBlob('/api/x');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(Uint8Array.of(1, 2, 3));
    const cut = scripted(new Response(new Uint8Array(10), { headers: { 'Content-Length': '20' } }));
    await expect(new KsuiteApiClient({ fetch: cut.fetch }).resourceBlob('/api/x')).rejects.toMatchObject({
      kind: 'incomplete',
    });
  });

  it('tells each retry before waiting for it, counted from 1 of its retries', async () => {
    const { fetch } = scripted(failure(503, 'service_unavailable'), failure(429, 'too_many_request'), success('pong'));
    const retries: string[] = [];
    const client = new KsuiteApiClient({ fetch, ...fast });
    await client.json('/api/ping-with-auth', { onRetry: ({ attempt, of }) => retries.push(`${attempt} of ${of}`) });
    expect(retries).toEqual(['1 of 3', '2 of 3']);
  });

  it("follows a Blob's bytes when its length is announced, and refuses it cut short all the same", async () => {
    const body = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 251);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < body.length; at += 16_384) controller.enqueue(body.slice(at, at + 16_384));
        controller.close();
      },
    });
    const whole = scripted(new Response(chunked, { headers: { 'Content-Length': '70000' } }));
    const seen: [number, number | null][] = [];
    const blob = await new KsuiteApiClient({ fetch: whole.fetch }).resourceBlob('/api/x', {
      onProgress: ({ received, total }) => seen.push([received, total]),
    });
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(body);
    expect(seen).toEqual([16_384, 32_768, 49_152, 65_536, 70_000].map((received) => [received, 70_000]));
    const cut = scripted(new Response(new Uint8Array(10), { headers: { 'Content-Length': '20' } }));
    const client = new KsuiteApiClient({ fetch: cut.fetch });
    await expect(client.resourceBlob('/api/x', { onProgress: () => {} })).rejects.toMatchObject({
      kind: 'incomplete',
    });
  });

  it('reports download progress up to the total', async () => {
    const { fetch } = scripted(new Response(new Uint8Array(1000), { headers: { 'Content-Length': '1000' } }));
    const seen: number[] = [];
    const bytes = await new KsuiteApiClient({ fetch }).resource('/api/x', {
      onProgress: ({ received }) => seen.push(received),
    });
    expect(bytes.byteLength).toBe(1000);
    expect(seen.at(-1)).toBe(1000);
  });

  it('returns the bytes in order, whether the announced length fits, is absent or is too small', async () => {
    const chunks = [Uint8Array.of(1, 2, 3), Uint8Array.of(4, 5), Uint8Array.of(6)];
    const stream = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(chunk);
          controller.close();
        },
      });
    const expected = Uint8Array.of(1, 2, 3, 4, 5, 6);
    // A compressed transfer announces its compressed length, shorter than what the body turns out to be.
    const cases: Record<string, string>[] = [
      { 'Content-Length': '6' },
      {},
      { 'Content-Length': '4', 'Content-Encoding': 'gzip' },
    ];
    for (const headers of cases) {
      const { fetch } = scripted(new Response(stream(), { headers }));
      expect(await new KsuiteApiClient({ fetch }).resource('/api/x'), JSON.stringify(headers)).toEqual(expected);
    }
  });

  it('reads a byte stream into place: every byte in order, however it is cut, past a length announced too small too', async () => {
    const body = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 251);
    // A byte stream, as browsers give a fetch body: the client can have it copied straight into its own array.
    const byteStream = (pieceSizes: number[]) =>
      new ReadableStream({
        type: 'bytes',
        start(controller) {
          let at = 0;
          for (let k = 0; at < body.length; k++) {
            const size = pieceSizes[k % pieceSizes.length]!;
            controller.enqueue(body.slice(at, at + size));
            at += size;
          }
          controller.close();
        },
      });
    for (const [pieces, announced] of [
      [[65_536], body.length],
      [[1, 7, 4096, 333], body.length],
      [[10_000], 50_000], // the server said less than it sent, with no encoding to explain it
    ] as const) {
      const { fetch } = scripted(
        new Response(byteStream([...pieces]), { headers: { 'Content-Length': String(announced) } }),
      );
      const seen: number[] = [];
      const bytes = await new KsuiteApiClient({ fetch }).resource('/api/x', {
        onProgress: ({ received }) => seen.push(received),
      });
      expect(bytes, `${pieces} / ${announced}`).toEqual(body);
      expect(seen.at(-1)).toBe(body.length);
    }
    const { fetch } = scripted(new Response(byteStream([4096]), { headers: { 'Content-Length': '80000' } }));
    await expect(new KsuiteApiClient({ fetch, ...fast }).resource('/api/x')).rejects.toMatchObject({
      kind: 'incomplete',
    });
  });

  it("reads the body in the browser's chunks where it refuses to fill an array of ours (a Firefox content script)", async () => {
    const body = Uint8Array.from({ length: 5000 }, (_, i) => i % 256);
    const response = new Response(body, { headers: { 'Content-Length': String(body.length) } });
    const real = response.body!;
    // As in Firefox, where the page's stream cannot take over the script's array: the first read fails.
    Object.defineProperty(response, 'body', {
      get: () => ({
        getReader: (options?: { mode?: string }) =>
          options?.mode === 'byob'
            ? { read: () => Promise.reject(new TypeError('cannot transfer')), releaseLock: () => undefined }
            : real.getReader(),
      }),
    });
    const { fetch } = scripted(response);
    expect(await new KsuiteApiClient({ fetch }).resource('/api/x')).toEqual(body);
  });

  it('calls an answer that is not the envelope a bad_response', async () => {
    const { fetch } = scripted(new Response('<html>maintenance</html>', { status: 200 }));
    await expect(new KsuiteApiClient({ fetch }).ping()).rejects.toMatchObject({ kind: 'bad_response' });
  });

  describe('signed out, whatever form the answer takes', () => {
    const ref = { uid: '1@f', shortUid: '1', folderId: 'f' };
    const html = (status = 200) =>
      new Response('<!DOCTYPE html><title>Sign in</title>', { status, headers: { 'Content-Type': 'text/html' } });
    /** A response as fetch gives it after following a redirect (the constructor cannot set these). */
    const followed = (response: Response, url: string) =>
      Object.defineProperties(response, { redirected: { value: true }, url: { value: url } });

    it.each([
      ['401 not_authorized', failure(401, 'not_authorized')],
      ['403 access_denied', failure(403, 'access_denied')],
      ['400 not_authorized', failure(400, 'not_authorized')],
      ['an HTML page where JSON was asked for', html()],
      ['a followed redirect to the sign-in host', followed(html(), 'https://login.infomaniak.com/?redirect=x')],
    ])('%s: signed_out at once, no retry', async (_, answer) => {
      const { fetch, calls } = scripted(answer);
      await expect(new KsuiteApiClient({ fetch, ...fast }).ping()).rejects.toMatchObject({ kind: 'signed_out' });
      expect(calls).toHaveLength(1);
    });

    it('a redirect the browser refuses to follow (sign-in host without CORS): one look, then signed_out', async () => {
      const { fetch, calls } = scripted(
        new TypeError('Failed to fetch'),
        new Response(null, { status: 302, headers: { Location: 'https://login.infomaniak.com/' } }),
      );
      await expect(new KsuiteApiClient({ fetch, ...fast }).mailboxes()).rejects.toMatchObject({
        kind: 'signed_out',
      });
      expect(calls).toHaveLength(2);
      expect(calls[1]!.url).toBe('https://mail.infomaniak.com/api/ping-with-auth');
      expect(calls[1]!.init.redirect).toBe('manual');
      expect(calls[1]!.init.credentials).toBe('include');
    });

    it('a network fault whose look finds the API answering stays a network fault and is retried', async () => {
      const { fetch, calls } = scripted(new TypeError('reset'), success('pong'), success([]));
      await expect(new KsuiteApiClient({ fetch, ...fast }).mailboxes()).resolves.toEqual([]);
      expect(calls.map((c) => new URL(c.url).pathname)).toEqual([
        '/api/mailbox',
        '/api/ping-with-auth',
        '/api/mailbox',
      ]);
    });

    it('an HTML page instead of a raw message is signed_out, never a message', async () => {
      const { fetch } = scripted(html());
      await expect(new KsuiteApiClient({ fetch, ...fast }).rawMessage('u', ref)).rejects.toMatchObject({
        kind: 'signed_out',
      });
    });

    it('an attachment that is an HTML file is still just that file', async () => {
      const { fetch } = scripted(html());
      const bytes = await new KsuiteApiClient({ fetch, ...fast }).resource('/api/mail/u/x/attachment/2');
      expect(new TextDecoder().decode(bytes)).toContain('<title>Sign in</title>');
    });

    it('a redirect within the mail host is followed as usual', async () => {
      const { fetch } = scripted(followed(success('pong'), 'https://mail.infomaniak.com/api/ping-with-auth'));
      await expect(new KsuiteApiClient({ fetch, ...fast }).ping()).resolves.toBe('pong');
    });
  });
});

describe('KsuiteApiClient, what the mailbox backup asks', () => {
  const ref = { uid: '7@F/1', shortUid: '7', folderId: 'F/1' };

  it('lists a folder message by message (thread=off) from an offset, and flattens the page', async () => {
    const { fetch, calls } = scripted(
      success({
        threads: [{ uid: '9@F', messages: [{ uid: '9@F', size: 0, attachments: null }] }],
        total_messages_count: 301,
        resource_next: '/api/next',
      }),
    );
    const page = await new KsuiteApiClient({ fetch }).messagePage('u', 'F/1', { offset: 200, limit: 200 });
    expect(calls[0]!.url).toBe(
      'https://mail.infomaniak.com/api/mail/u/folder/F%2F1/message?offset=200&thread=off&limit=200',
    );
    expect(page).toMatchObject({ total: 301, hasMore: true, messages: [{ uid: '9@F', size: null, attachments: [] }] });
  });

  it('asks for up to N date-ordered uids, newest first, and keeps only real uids', async () => {
    const { fetch, calls } = scripted(success({ messages_uids: [5, 4, 'x', 0, 2], signature: 's' }));
    const uids = await new KsuiteApiClient({ fetch }).dateOrderedUids('u', 'F/1', 10_000);
    expect(calls[0]!.url).toBe(
      'https://mail.infomaniak.com/api/mail/u/folder/F%2F1/mobile/date-ordered-messages-uids?messages=10000&direction=desc',
    );
    expect(uids).toEqual([5, 4, 2]);
  });

  it('hands a raw message over as a Blob with its Content-Length, and a 429 to the caller at once with Retry-After', async () => {
    const body = 'Subject: x\r\n\r\nhello';
    const { fetch, calls } = scripted(
      failure(429, 'too_many_request', { 'Retry-After': '7' }),
      new Response(body, { headers: { 'Content-Length': String(body.length) } }),
    );
    const client = new KsuiteApiClient({ fetch, ...fast });
    const limited = await client.rawMessageResponse('u', ref, { retries: 0 }).catch((e: unknown) => e);
    expect(limited).toMatchObject({ kind: 'rate_limited', detail: { retryAfterMs: 7000 } });
    expect(calls).toHaveLength(1);
    const response = await client.rawMessageResponse('u', ref, { retries: 0 });
    expect(response.announcedLength).toBe(body.length);
    expect(await (await response.blob()).text()).toBe(body);
    expect(calls[1]!.url).toBe('https://mail.infomaniak.com/api/mail/u/folder/F%2F1/message/7/download');
  });
});
