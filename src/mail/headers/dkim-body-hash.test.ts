import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../../tests/replica/corpus/index';
import { signMessage } from '../../../tests/support/dkim-signer';
import { canonicaliseBody, checkDkimBodyHashes, MAX_DKIM_BODY_BYTES } from './dkim-body-hash';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

const HEADERS =
  'From: Alice <alice@example.org>\r\nTo: bob@example.net\r\nSubject: Offer\r\n' +
  'Date: Tue, 2 Jan 2024 10:11:10 +0100\r\nMessage-ID: <offer-1@example.org>\r\n\r\n';
const BODY = 'Hello Bob,\r\n\r\nthe offer  stands\tuntil Friday.\r\n\r\nAlice\r\n';
const FOOTER = '-- \r\nYou are subscribed to team@lists.example.net\r\n';

/** The message as received: the signed bytes, with the body replaced by `edit(body)`. */
function editBody(signed: Uint8Array, edit: (body: string) => string): Uint8Array {
  const whole = text(signed);
  const split = whole.indexOf('\r\n\r\n') + 4;
  return bytes(whole.slice(0, split) + edit(whole.slice(split)));
}

async function statuses(message: Uint8Array) {
  return (await checkDkimBodyHashes(message)).map((check) => check.status);
}

describe('canonicaliseBody', () => {
  // Hand-written from RFC 6376 sections 3.4.3 and 3.4.4.
  it.each([
    ['', '\r\n'],
    ['\r\n\r\n', '\r\n'],
    ['a\r\n\r\n\r\n', 'a\r\n'],
    ['a', 'a\r\n'],
    ['a \t b \r\n  \r\n', 'a \t b \r\n  \r\n'],
    ['a\nb\n\n', 'a\r\nb\r\n'],
    ['c\rd\r\n', 'c\rd\r\n'],
  ])('simple: %j becomes %j', (body, expected) => {
    expect(text(canonicaliseBody(bytes(body), 'simple'))).toBe(expected);
  });

  it.each([
    ['', ''],
    ['\r\n\r\n', ''],
    ['  \r\n\t\r\n', ''],
    [' a \t b  \r\n  \r\n', ' a b\r\n'],
    ['a  ', 'a\r\n'],
    ['a\nb\t\n\n', 'a\r\nb\r\n'],
    ['c\rd\r\n', 'c\rd\r\n'],
  ])('relaxed: %j becomes %j', (body, expected) => {
    expect(text(canonicaliseBody(bytes(body), 'relaxed'))).toBe(expected);
  });
});

describe('checkDkimBodyHashes', () => {
  it('matches the body hash of the example in RFC 6376 appendix A (simple)', async () => {
    // bh= as printed in the RFC's example signature.
    const message = bytes(
      'DKIM-Signature: v=1; a=rsa-sha256; s=brisbane; d=example.com;\r\n' +
        '      c=simple/simple; q=dns/txt; i=joe@football.example.com;\r\n' +
        '      h=Received : From : To : Subject : Date : Message-ID;\r\n' +
        '      bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n' +
        '      b=AuUoFEfDxTDkHlLXSZEpZj79LICEps6eda7W3deTVFOk4yAUoqOB\r\n' +
        'From: Joe SixPack <joe@football.example.com>\r\n' +
        'Subject: Is dinner ready?\r\n\r\n' +
        'Hi.\r\n\r\nWe lost the game. Are you hungry yet?\r\n\r\nJoe.\r\n',
    );
    const [check] = await checkDkimBodyHashes(message);
    expect(check).toMatchObject({ status: 'unchanged', domain: 'example.com' });
    expect(check!.text).toEqual({ key: 'hdr_dkim_body_unchanged', substitutions: ['example.com'] });
  });

  it('knows the well-known hashes of an empty body: one CRLF for simple, nothing for relaxed', async () => {
    const signature = (canon: string, bh: string) =>
      `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/${canon}; d=example.org; s=s; h=from; bh=${bh}; b=eA==\r\n`;
    const message = bytes(
      signature('simple', 'frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=') +
        signature('relaxed', '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=') +
        'From: a@example.org\r\n\r\n',
    );
    expect(await statuses(message)).toEqual(['unchanged', 'unchanged']);
  });

  it.each(['simple', 'relaxed'] as const)('finds a %s-signed body unchanged, as signed', async (body) => {
    expect(await statuses(signMessage(HEADERS + BODY, { domain: 'example.org', body }))).toEqual(['unchanged']);
  });

  it.each(['simple', 'relaxed'] as const)('sees an appended mailing-list footer (%s)', async (body) => {
    const signed = signMessage(HEADERS + BODY, { domain: 'example.org', body });
    const [check] = await checkDkimBodyHashes(editBody(signed, (original) => original + FOOTER));
    expect(check).toMatchObject({ status: 'changed', domain: 'example.org' });
    expect(check!.text).toEqual({ key: 'hdr_dkim_body_changed', substitutions: ['example.org'] });
  });

  it.each(['simple', 'relaxed'] as const)('ignores empty lines added at the end (%s)', async (body) => {
    const signed = signMessage(HEADERS + BODY, { domain: 'example.org', body });
    expect(await statuses(editBody(signed, (original) => `${original}\r\n\r\n\r\n`))).toEqual(['unchanged']);
  });

  it('tolerates changed whitespace under relaxed, not under simple', async () => {
    const respace = (original: string) =>
      original.replace('offer  stands\t', 'offer stands   ').replace('Bob,', 'Bob, ');
    const relaxed = signMessage(HEADERS + BODY, { domain: 'example.org', body: 'relaxed' });
    const simple = signMessage(HEADERS + BODY, { domain: 'example.org', body: 'simple' });
    expect(await statuses(editBody(relaxed, respace))).toEqual(['unchanged']);
    expect(await statuses(editBody(simple, respace))).toEqual(['changed']);
  });

  it('sees a changed word under relaxed', async () => {
    const signed = signMessage(HEADERS + BODY, { domain: 'example.org', body: 'relaxed' });
    expect(await statuses(editBody(signed, (original) => original.replace('Friday', 'Monday')))).toEqual(['changed']);
  });

  it('with l=, says only the signed part is unchanged and how much came after it', async () => {
    // The relaxed canonical body of BODY: whitespace runs become one space.
    const signedLength = 'Hello Bob,\r\n\r\nthe offer stands until Friday.\r\n\r\nAlice\r\n'.length;
    const signed = signMessage(HEADERS + BODY, { domain: 'example.org', body: 'relaxed', length: signedLength });
    expect(await statuses(signed)).toEqual(['unchanged']);

    const [withFooter] = await checkDkimBodyHashes(editBody(signed, (original) => original + FOOTER));
    expect(withFooter).toMatchObject({ status: 'unchanged_prefix' });
    expect(withFooter!.text).toEqual({
      key: 'hdr_dkim_body_unchanged_prefix',
      // Relaxed drops the space of the signature separator "-- ".
      substitutions: [
        'example.org',
        String(signedLength),
        String('--\r\nYou are subscribed to team@lists.example.net\r\n'.length),
      ],
    });
  });

  it('with l=, a body shorter than the signed length has changed', async () => {
    const signed = signMessage(HEADERS + BODY, { domain: 'example.org', body: 'simple', length: 20 });
    expect(await statuses(signed)).toEqual(['unchanged_prefix']);
    expect(await statuses(editBody(signed, () => 'Hello Bob,\r\n'))).toEqual(['changed']);
    // Past the signed 20 bytes, a change goes unseen: that is what l= means.
    expect(await statuses(editBody(signed, (original) => original.replace('Friday', 'Monday')))).toEqual([
      'unchanged_prefix',
    ]);
  });

  it('hashes 8-bit bodies as bytes, not as text', async () => {
    // Latin-1 "Grüsse, Zürich" (not valid UTF-8) and a raw 0xFF byte: a string round trip would alter them.
    const body = Uint8Array.from([
      0x47, 0x72, 0xfc, 0x73, 0x73, 0x65, 0x2c, 0x20, 0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68, 0xff,
    ]);
    const crlf = bytes('\r\n');
    for (const canon of ['simple', 'relaxed'] as const) {
      const signed = signMessage(concat(bytes(HEADERS), body, crlf), { domain: 'example.org', body: canon });
      expect(await statuses(signed)).toEqual(['unchanged']);
      const altered = signed.slice();
      altered[altered.length - 4] = 0xfd; // the 0xFF before the final CRLF
      expect(await statuses(altered)).toEqual(['changed']);
    }
  });

  it('reads a message saved with bare LF line ends as the CRLF message it was', async () => {
    const signed = signMessage(HEADERS + BODY, { domain: 'example.org', body: 'simple' });
    expect(await statuses(bytes(text(signed).replace(/\r\n/g, '\n')))).toEqual(['unchanged']);
  });

  it('checks rsa-sha1 signatures with SHA-1', async () => {
    const signed = signMessage(HEADERS + BODY, { domain: 'example.org', algorithm: 'rsa-sha1' });
    expect(await statuses(signed)).toEqual(['unchanged']);
    expect(await statuses(editBody(signed, (original) => original + FOOTER))).toEqual(['changed']);
  });

  it('checks each signature on its own, with its own canonicalisation', async () => {
    const byAuthor = signMessage(HEADERS + BODY, { domain: 'example.org', body: 'simple' });
    const byList = signMessage(
      editBody(byAuthor, (original) => original.replace('stands\t', 'stands ')),
      {
        domain: 'lists.example.net',
        body: 'relaxed',
      },
    );
    const checks = await checkDkimBodyHashes(byList);
    expect(checks.map(({ domain, status }) => [domain, status])).toEqual([
      ['lists.example.net', 'unchanged'],
      ['example.org', 'changed'],
    ]);
    expect(checks.map((check) => check.headerIndex)).toEqual([0, 1]);
  });

  it('leaves unchecked what it cannot compute, and says nothing for an unsigned message', async () => {
    const tail = 'From: a@example.org\r\n\r\nHello\r\n';
    const withSignature = (tags: string) =>
      bytes(`DKIM-Signature: v=1; d=example.org; s=s; h=from; b=eA==; ${tags}\r\n${tail}`);
    const bh = 'bh=frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=';
    for (const tags of [
      `a=rsa-md5; ${bh}`,
      'a=rsa-sha256',
      'a=rsa-sha256; bh=not base64!',
      `a=rsa-sha256; c=relaxed/fancy; ${bh}`,
      `a=rsa-sha256; l=ten; ${bh}`,
    ]) {
      const [check] = await checkDkimBodyHashes(withSignature(tags));
      expect(check, tags).toMatchObject({ status: 'unchecked', text: { key: 'hdr_dkim_body_unchecked' } });
    }
    expect(await checkDkimBodyHashes(bytes(tail))).toEqual([]);
  });

  it('does not hash a body above the size limit', async () => {
    const signed = signMessage(HEADERS + 'x\r\n', { domain: 'example.org' });
    const huge = concat(signed, new Uint8Array(MAX_DKIM_BODY_BYTES));
    const [check] = await checkDkimBodyHashes(huge);
    expect(check).toMatchObject({ status: 'unchecked', text: { key: 'hdr_dkim_body_too_large' } });
  });

  it('finds every signed corpus message unchanged (the replica writes real body hashes)', async () => {
    const signed = buildCorpus().filter((message) => /^DKIM-Signature:/im.test(text(message.raw.subarray(0, 20000))));
    expect(signed.length).toBeGreaterThanOrEqual(5);
    for (const message of signed) {
      const checks = await checkDkimBodyHashes(message.raw);
      expect(checks.length, message.id).toBeGreaterThan(0);
      expect(
        checks.map((check) => check.status),
        message.id,
      ).toEqual(checks.map(() => 'unchanged'));
    }
  });
});
