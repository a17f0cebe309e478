import { describe, expect, it } from 'vitest';
import { startsLikeMessage } from './message-start';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('startsLikeMessage', () => {
  it.each([
    'Return-Path: <anna@example.org>\r\nReceived: from a by b; Tue, 3 Nov 2026 10:00:00 +0100\r\n',
    'Received: from mta-gw.infomaniak.ch\r\n',
    'From: Anna <anna@example.org>\nSubject: x\n\nbody',
    'X-Infomaniak-Spam: ham\r\n',
    'DKIM-Signature: v=1; a=rsa-sha256\r\n',
    'X_Odd.Name: value\r\n',
    'Subject : obsolete blank before the colon\r\n',
    'MIME-Version:1.0\r\n',
    'From anna@example.org Tue Nov  3 10:00:00 2026\nFrom: a@example.org\n',
  ])('takes a message starting %j', (text) => {
    expect(startsLikeMessage(bytes(text))).toBe(true);
  });

  it.each([
    ['an HTML sign-in page', '<!DOCTYPE html>\n<html lang="de"><head><title>Login</title>'],
    ['HTML without a doctype', '<html>\n<body>Session expired</body></html>'],
    ['HTML with a namespaced attribute', '<html xmlns:o="urn:schemas-microsoft-com:office:office">'],
    ['a JSON error', '{"result":"error","error":{"code":"not_authorized"}}'],
    ['a blank first line', '\r\nFrom: a@example.org\r\n'],
    ['leading spaces', '  From: a@example.org\r\n'],
    ['"From" and a blank', 'From  \r\n'],
    ['a first line without a colon', 'Hello there\r\nFrom: a@example.org\r\n'],
    ['a name cut before its colon', 'Return-Pa'],
    ['nothing', ''],
    ['a zip', 'PK\u0003\u0004'],
  ])('refuses %s', (_, text) => {
    expect(startsLikeMessage(bytes(text))).toBe(false);
  });
});
