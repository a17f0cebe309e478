import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spkiSha256 } from './certificate.ts';
import { startFixtureReplica, type FixtureReplica } from './testing/fixture-replica.ts';
import { DEMO } from './testing/fixture-corpus.ts';

let r: FixtureReplica;
beforeAll(async () => {
  r = await startFixtureReplica();
});
afterAll(() => r.replica.close());
beforeEach(() => r.replica.control.reset());

describe('certificate and wiring', () => {
  it('covers the three hosts and localhost, and exposes a matching SPKI pin', () => {
    const cert = new X509Certificate(r.replica.certPem);
    for (const name of ['mail.infomaniak.com', 'ksuite.infomaniak.com', 'login.infomaniak.com', 'localhost']) {
      expect(cert.checkHost(name)).toBe(name);
    }
    expect(r.replica.spkiHash).toBe(spkiSha256(r.replica.certPem));
    expect(r.replica.spkiHash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(r.replica.hostResolverRules).toBe(
      ['mail', 'ksuite', 'login'].map((h) => `MAP ${h}.infomaniak.com 127.0.0.1:${r.replica.port}`).join(','),
    );
  });

  it('puts x-request-id on every response, errors and pages included', async () => {
    const responses = await Promise.all([
      r.api('/api/ping-with-auth'),
      r.mail('/api/mailbox'),
      r.mail('/0'),
      r.login('/nope'),
    ]);
    const ids = responses.map((res) => res.headers['x-request-id']);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('API authentication', () => {
  it('answers 401 not_authorized in the error envelope without credentials', async () => {
    const res = await r.mail('/api/mailbox');
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ result: 'error', error: { code: 'not_authorized', description: expect.any(String) } });
  });

  it('accepts the demo Bearer token and refuses a wrong one', async () => {
    expect((await r.api('/api/ping-with-auth')).json()).toEqual({ result: 'success', data: 'pong' });
    expect((await r.api('/api/ping-with-auth', { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
  });

  it('accepts a session cookie and stops after the session expires', async () => {
    const cookie = r.sessionCookie();
    expect((await r.mail('/api/ping-with-auth', { headers: { Cookie: cookie } })).status).toBe(200);
    r.replica.control.expireSession();
    expect((await r.mail('/api/ping-with-auth', { headers: { Cookie: cookie } })).status).toBe(401);
    // Tokens survive a plain session expiry …
    expect((await r.api('/api/ping-with-auth')).status).toBe(200);
    // … but not one that includes them, until reset.
    r.replica.control.expireSession({ tokens: true });
    expect((await r.api('/api/ping-with-auth')).status).toBe(401);
    r.replica.control.reset();
    expect((await r.api('/api/ping-with-auth')).status).toBe(200);
  });

  it('can answer an expired session with a redirect to sign-in instead of a 401, until reset', async () => {
    const cookie = r.sessionCookie();
    r.replica.control.expireSession({ answer: 'redirect' });
    const res = await r.mail('/api/mail/x/folder?with=ik-static', { headers: { Cookie: cookie } });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(
      `https://login.infomaniak.com/?redirect=${encodeURIComponent('https://mail.infomaniak.com/api/mail/x/folder?with=ik-static')}`,
    );
    // A wrong token still hears a JSON 401: only a browser session is sent to sign in.
    expect((await r.mail('/api/ping-with-auth', { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
    r.replica.control.reset();
    r.replica.control.expireSession();
    expect((await r.mail('/api/ping-with-auth', { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('issues cookies with the attributes a browser profile needs', () => {
    expect(r.replica.control.issueSessionCookie()).toEqual({
      name: 'KSUITE_SESSION',
      value: expect.stringMatching(/^[\w-]{20,}$/),
      domain: '.infomaniak.com',
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
    });
  });
});

describe('sign-in', () => {
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

  it('shows the sign-in page with the redirect target carried in the form', async () => {
    const target = 'https://mail.infomaniak.com/0/folder/x?a=1&b="2"';
    const res = await r.login(`/?redirect=${encodeURIComponent(target)}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const html = res.body.toString('utf8');
    expect(html).toMatch(/<form\b/i);
    expect(html).toContain('name="redirect"');
    expect(html).toContain('value="https://mail.infomaniak.com/0/folder/x?a=1&#38;b=&#34;2&#34;"');
  });

  it('signs the demo user in: cookie on .infomaniak.com and back to the Infomaniak URL', async () => {
    const target = 'https://mail.infomaniak.com/0';
    const res = await r.login('/login', form({ email: DEMO, password: 'demo', redirect: target }));
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(target);
    const setCookie = res.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(
      /^KSUITE_SESSION=[\w-]+; Domain=\.infomaniak\.com; Path=\/; Secure; HttpOnly; SameSite=Lax$/,
    );
    const cookie = setCookie.split(';')[0] ?? '';
    expect((await r.mail('/api/mailbox', { headers: { Cookie: cookie } })).status).toBe(200);
    expect((await r.mail('/0', { headers: { Cookie: cookie } })).status).toBe(200);
  });

  it('never redirects off https Infomaniak hosts', async () => {
    const unsafe = [
      'https://evil.example/',
      'http://mail.infomaniak.com/0',
      'https://infomaniak.com.evil.example/',
      'https://user@evil.example@mail.infomaniak.com/',
      'javascript:alert(1)',
      '//evil.example/',
      '',
    ];
    for (const target of unsafe) {
      const res = await r.login('/login', form({ email: DEMO, password: 'demo', redirect: target }));
      expect(res.headers.location, target).toBe('https://ksuite.infomaniak.com/all/mail/0');
    }
  });

  it('shows the page again with an error for a wrong password, and sets no cookie', async () => {
    const res = await r.login(
      '/login',
      form({ email: DEMO, password: 'wrong', redirect: 'https://mail.infomaniak.com/0' }),
    );
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    const html = res.body.toString('utf8');
    expect(html).toMatch(/<p class="signin-error" role="alert">[^<]+<\/p>/);
    expect(html).toContain('value="https://mail.infomaniak.com/0"');
  });

  it('sends a signed-in visitor of the sign-in page straight on', async () => {
    const res = await r.login('/?redirect=https%3A%2F%2Fmail.infomaniak.com%2F1', {
      headers: { Cookie: r.sessionCookie() },
    });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('https://mail.infomaniak.com/1');
  });
});

describe('web pages', () => {
  it('redirects / on the mail host to /0 and /0 without a session to sign-in', async () => {
    expect((await r.mail('/')).headers.location).toBe('/0');
    const res = await r.mail('/0;fid=abc/thread/12?x=1');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(
      `https://login.infomaniak.com/?redirect=${encodeURIComponent('https://mail.infomaniak.com/0;fid=abc/thread/12?x=1')}`,
    );
  });

  it('serves the webmail for /{n} and client routes, with a strict CSP the kSuite host may frame', async () => {
    const cookie = r.sessionCookie();
    for (const path of ['/0', '/1;fid=eJzz9HPyjwAABGYBgQ--', '/1;fid=eJzz9HPyjwAABGYBgQ--/thread/3']) {
      const res = await r.mail(path, { headers: { Cookie: cookie } });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain("frame-ancestors 'self' https://ksuite.infomaniak.com");
    }
  });

  it('serves the kSuite shell for /all/mail/{n} and /{spaceId}/mail, framing only the mail host', async () => {
    const cookie = r.sessionCookie();
    expect((await r.ksuite('/')).headers.location).toBe('/all/mail/0');
    for (const path of ['/all/mail/0', '/12345/mail', '/12345/mail/1']) {
      const res = await r.ksuite(path, { headers: { Cookie: cookie } });
      expect(res.status, path).toBe(200);
      expect(String(res.headers['content-security-policy'])).toContain('frame-src https://mail.infomaniak.com');
    }
    expect((await r.ksuite('/all/mail/0')).status).toBe(302);
    expect((await r.ksuite('/drive', { headers: { Cookie: cookie } })).status).toBe(404);
  });

  it('serves static webmail assets on every host without a session, and nothing outside the folder', async () => {
    const res = await r.mail('/__webmail/api.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect((await r.login('/__webmail/api.js')).status).toBe(200);
    expect((await r.mail('/__webmail/../server/auth.ts')).status).toBe(404);
    expect((await r.mail('/__webmail/%2e%2e/server/auth.ts')).status).toBe(404);
  });
});

describe('CORS', () => {
  it('answers a preflight from the kSuite shell', async () => {
    const res = await r.mail('/api/mailbox', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://ksuite.infomaniak.com',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://ksuite.infomaniak.com');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(res.headers['access-control-allow-headers']).toMatch(/Content-Type/);
    expect(res.headers.vary).toContain('Origin');
  });

  it('marks a credentialed response and exposes the useful headers', async () => {
    const res = await r.mail('/api/mailbox', {
      headers: { Origin: 'https://ksuite.infomaniak.com', Cookie: r.sessionCookie() },
    });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('https://ksuite.infomaniak.com');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-expose-headers']).toBe('x-request-id, content-disposition');
  });

  it('gives other origins no CORS headers', async () => {
    for (const origin of ['https://evil.example', 'chrome-extension://abcdef', 'null']) {
      const res = await r.mail('/api/mailbox', {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' },
      });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });
});
