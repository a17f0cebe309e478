/**
 * headers.25MB_vs_5KB: median time of `analyseHeaders` on a 25 MB message divided by the median on a 5 KB message
 * with the same headers. The analyser must only read the header block, so the goal is a ratio close to 1; a
 * ratio in the hundreds would mean the body is being scanned or copied.
 */
import { analyseHeaders } from '../src/mail/headers';
import type { BenchResult } from './types';

const WARM_UP_ROUNDS = 5;
const MEASURED_ROUNDS = 31;
const SMALL_BODY = 5 * 1024;
const LARGE_BODY = 25 * 1024 * 1024;

const HEADERS = [
  'Received: from localhost (localhost [127.0.0.1])',
  '\tby mta-02.example.net (Postfix) with ESMTP id 4T9Qa1 for <lea@example.ch>; Wed,  3 Jan 2024 08:15:02 +0100 (CET)',
  'Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=news@shop.example;',
  '\tdkim=pass header.d=shop.example header.s=s1; dmarc=pass header.from=shop.example',
  'Received: from mail.shop.example (mail.shop.example [192.0.2.10])',
  '\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))',
  '\tby mta-02.example.net (Postfix) with ESMTPS id 4T9Qa0 for <lea@example.ch>; Wed,  3 Jan 2024 08:15:01 +0100 (CET)',
  'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=shop.example; s=s1; h=from:to:subject:date; bh=YWJj; b=ZGVm',
  'X-Spam-Status: No, score=-0.1 required=5.0 tests=DKIM_SIGNED,DKIM_VALID',
  'From: =?utf-8?q?Shop_=C3=9Cbersicht?= <news@shop.example>',
  'To: lea@example.ch',
  'Subject: =?utf-8?B?SWhyZSBXb2NoZW5ub3RpeiDinJM=?=',
  'Date: Wed, 3 Jan 2024 08:15:00 +0100',
  'Message-ID: <weekly-2024-01@shop.example>',
  'MIME-Version: 1.0',
  'Content-Type: application/octet-stream',
].join('\r\n');

function message(bodyBytes: number): Uint8Array {
  const head = new TextEncoder().encode(`${HEADERS}\r\n\r\n`);
  const raw = new Uint8Array(head.length + bodyBytes);
  raw.set(head);
  // Base64-like lines, as a large attachment would be.
  for (let i = head.length; i < raw.length; i++)
    raw[i] = (i - head.length) % 78 === 76 ? 0x0d : (i - head.length) % 78 === 77 ? 0x0a : 0x41 + (i % 26);
  return raw;
}

const OPTIONS = { receivingHostPatterns: [/\.example\.net$/], trustedAuthservIds: ['mx.example.net'] };

function timeOnce(raw: Uint8Array): number {
  const start = performance.now();
  analyseHeaders(raw, OPTIONS);
  return performance.now() - start;
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export default async function run(): Promise<BenchResult[]> {
  const small = message(SMALL_BODY);
  const large = message(LARGE_BODY);
  for (let round = 0; round < WARM_UP_ROUNDS; round++) {
    timeOnce(small);
    timeOnce(large);
  }
  // Interleaved, so JIT warm-up and machine noise fall on both sides alike.
  const smallTimes: number[] = [];
  const largeTimes: number[] = [];
  for (let round = 0; round < MEASURED_ROUNDS; round++) {
    smallTimes.push(timeOnce(small));
    largeTimes.push(timeOnce(large));
  }
  const ratio = median(largeTimes) / median(smallTimes);
  return [{ name: 'headers.25MB_vs_5KB', value: ratio, unit: 'ratio', baseline: 1, ratio }];
}
