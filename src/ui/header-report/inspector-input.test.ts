import { describe, expect, it } from 'vitest';
import { infomaniakHeaderOptions } from '../../ksuite/header-defaults';
import { analyseInspectorInput } from './inspector-input';

const HEADERS = [
  'Received: from smtp.example.org (smtp.example.org [203.0.113.5]) by mta-gw.infomaniak.ch (Postfix) with ESMTPS id 1; Tue, 14 Oct 2025 09:12:40 +0200',
  'From: Anna <anna@example.org>',
  'Subject: Hello',
  '',
].join('\r\n');

describe('analyseInspectorInput', () => {
  it('shows the empty state for nothing or only white space', () => {
    expect(analyseInspectorInput('', infomaniakHeaderOptions)).toEqual({ kind: 'empty' });
    expect(analyseInspectorInput(' \n\t ', infomaniakHeaderOptions)).toEqual({ kind: 'empty' });
  });

  it('analyses pasted headers', () => {
    const outcome = analyseInspectorInput(HEADERS, infomaniakHeaderOptions);
    expect(outcome.kind).toBe('report');
    if (outcome.kind === 'report') expect(outcome.report.summary.subject).toBe('Hello');
  });

  it('analyses the bytes of a whole message, reading its header block only', () => {
    const message = new TextEncoder().encode(`${HEADERS}\r\n${'body line\r\n'.repeat(10_000)}`);
    const outcome = analyseInspectorInput(message, infomaniakHeaderOptions);
    expect(outcome.kind).toBe('report');
    if (outcome.kind === 'report') expect(outcome.report.raw.header).not.toContain('body line');
  });

  it('says so when the text has no header at all', () => {
    expect(analyseInspectorInput('Dear Anna, thanks for the call.', infomaniakHeaderOptions)).toEqual({
      kind: 'problem',
      problem: 'inspector_no_headers',
    });
    expect(analyseInspectorInput(new Uint8Array(0), infomaniakHeaderOptions)).toEqual({
      kind: 'problem',
      problem: 'inspector_no_headers',
    });
  });

  it('refuses a file whose headers never end', () => {
    const endless = new TextEncoder().encode(`X-Filler: ${'a'.repeat(5 * 1024 * 1024)}`);
    expect(analyseInspectorInput(endless, infomaniakHeaderOptions)).toEqual({
      kind: 'problem',
      problem: 'inspector_too_large',
    });
  });
});
