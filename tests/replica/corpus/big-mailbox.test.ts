import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedContent } from '../server/message-content.ts';
import { parseMessage } from '../server/parsed-message.ts';
import { BIG_MAILBOX, BigMailboxPlan } from './big-mailbox.ts';

// The generator of the big mailbox, without a server: sizes known in advance equal the bytes made, a seed gives
// the same mailbox every time, sizes look like a real mailbox's, and independent parsers (mailparser, Python's
// email package) read what the specs say was written.

const GiB = 2 ** 30;
const MB = 1_000_000;

function bytesOf(plan: BigMailboxPlan, index: number): Buffer {
  return Buffer.concat([...plan.message(index).chunks()]);
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

let plan: BigMailboxPlan;
/** A spread of indexes, plus every message with an attachment among the first 3,000, plus the largest one. */
let sample: number[];
/** Half without attachment, half with one (under 8 MB, for the parsers' sake). */
let mixed: number[];

beforeAll(() => {
  plan = new BigMailboxPlan({ messages: 30_000, totalBytes: 3 * GiB, seed: 1 });
  const spread = Array.from({ length: 200 }, (_, k) => k * 149);
  const withAttachment = Array.from({ length: 3000 }, (_, i) => i).filter((i) => plan.spec(i).attachment);
  let largest = 0;
  for (let i = 0; i < plan.messageCount; i++) if (plan.sizeOf(i) > plan.sizeOf(largest)) largest = i;
  sample = [...new Set([...spread, ...withAttachment, largest])];
  const small = withAttachment.filter((i) => plan.sizeOf(i) < 8 * MB);
  mixed = [...spread.filter((i) => !plan.spec(i).attachment).slice(0, 70), ...small.slice(0, 70)];
  // Sizing all 30,000 messages takes seconds on a busy machine.
}, 60_000);

describe('big mailbox generator', () => {
  it('makes exactly as many bytes as it announces, in CRLF lines', () => {
    expect(sample.length).toBeGreaterThan(300);
    for (const index of sample) {
      const bytes = bytesOf(plan, index);
      expect(bytes.length, `message ${index}`).toBe(plan.sizeOf(index));
      const text = bytes.toString('latin1');
      expect(/\r(?!\n)|(?<!\r)\n/.test(text), `bare CR or LF in message ${index}`).toBe(false);
      const longest = text.split('\r\n').reduce((most, line) => Math.max(most, line.length), 0);
      expect(longest, `message ${index}`).toBeLessThanOrEqual(998);
    }
  });

  it('adds up to the size asked for, within one per cent, with realistic sizes', () => {
    const total = plan.totalBytes();
    expect(Math.abs(total - 3 * GiB) / (3 * GiB)).toBeLessThan(0.01);
    const sizes = Array.from({ length: plan.messageCount }, (_, i) => plan.sizeOf(i)).sort((a, b) => a - b);
    const share = (low: number, high: number) => sizes.filter((s) => s >= low && s <= high).length / sizes.length;
    expect(share(5_000, 50_000)).toBeGreaterThan(0.85);
    expect(sizes.filter((s) => s > MB).length).toBeGreaterThan(100);
    expect(sizes.filter((s) => s > 15 * MB).length).toBeGreaterThan(5);
    expect(sizes.at(-1)).toBeLessThanOrEqual(26.5 * MB);
    expect(plan.largestMessage()).toBe(sizes.at(-1));
  });

  it('gives the same bytes for the same seed and others for another seed', () => {
    const again = new BigMailboxPlan({ messages: 30_000, totalBytes: 3 * GiB, seed: 1 });
    const other = new BigMailboxPlan({ messages: 30_000, totalBytes: 3 * GiB, seed: 2 });
    for (const index of sample.slice(0, 60)) {
      expect(sha256(bytesOf(again, index)), `message ${index}`).toBe(sha256(bytesOf(plan, index)));
      expect(sha256(bytesOf(other, index)), `message ${index}`).not.toBe(sha256(bytesOf(plan, index)));
    }
  });

  it('writes subjects in every way mail carries them, some messages without Message-ID, mbox-hostile lines', () => {
    const raw = Array.from({ length: 2000 }, (_, i) => bytesOf(plan, i * 15).toString('latin1'));
    const subjects = raw.map((text) => /^Subject: (.*)$/m.exec(text)?.[1] ?? '');
    expect(subjects.filter((s) => s.startsWith('=?utf-8?B?')).length).toBeGreaterThan(50);
    expect(subjects.filter((s) => s.startsWith('=?utf-8?Q?')).length).toBeGreaterThan(50);
    expect(subjects.filter((s) => /[\x80-\xff]/.test(s)).length).toBeGreaterThan(20);
    expect(subjects.filter((s) => /^[\x20-\x7e]+$/.test(s) && !s.startsWith('=?')).length).toBeGreaterThan(50);
    expect(
      raw.filter((text) => !/^Message-ID:/im.test(text.slice(0, text.indexOf('\r\n\r\n')))).length,
    ).toBeGreaterThan(10);
    expect(raw.filter((text) => /\r\nFrom /.test(text)).length).toBeGreaterThan(100);
    expect(raw.filter((text) => /\r\n>From /.test(text)).length).toBeGreaterThan(100);
    const years = new Set(raw.map((text) => /^Date: .* (\d{4}) /m.exec(text)?.[1]));
    expect([...years].sort()).toEqual(['2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026']);
  });

  it("reads back with mailparser as the replica's own view of it says (subject, ids, date, text, files)", async () => {
    expect(mixed.filter((i) => plan.spec(i).attachment).length).toBe(70);
    for (const index of mixed) {
      const raw = bytesOf(plan, index);
      const parsed = await parseMessage(new Uint8Array(raw));
      const view = await generatedContent(plan.message(index)).parse();
      const spec = plan.spec(index);
      const label = `message ${index}`;
      expect(parsed.degraded, label).toBe(false);
      expect(parsed.subject, label).toBe(spec.subject);
      expect(view.subject, label).toBe(spec.subject);
      expect(parsed.msgId, label).toBe(spec.messageId);
      expect(view.msgId, label).toBe(spec.messageId);
      expect(parsed.date, label).toBe(new Date(spec.at).toISOString().replace('.000Z', '+00:00'));
      expect(view.date, label).toBe(parsed.date);
      expect(view.from, label).toEqual(parsed.from);
      expect(view.to, label).toEqual(parsed.to);
      expect(view.relatedIds, label).toEqual(parsed.relatedIds);
      expect(view.text, label).toBe(parsed.text);
      expect(parsed.text!.startsWith(view.textStart!), label).toBe(true);
      const files = (p: typeof parsed) =>
        p.attachments.map((a) => ({ partId: a.partId, name: a.name, size: a.size, mimeType: a.mimeType }));
      expect(files(view), label).toEqual(files(parsed));
      expect(parsed.attachments.length, label).toBe(spec.attachment ? 1 : 0);
      if (spec.attachment) {
        expect(parsed.attachments[0]!.name, label).toBe(spec.attachment.name);
        expect(parsed.attachments[0]!.size, label).toBe(spec.attachment.bytes);
        expect(view.attachments[0]!.content.equals(parsed.attachments[0]!.content), label).toBe(true);
      }
    }
  });

  it('keeps a MIME parser reading a 25 MB message to the end', async () => {
    const largest = sample.at(-1)!;
    const mail = await simpleParser(bytesOf(plan, largest));
    expect(mail.attachments[0]?.size).toBe(plan.spec(largest).attachment?.bytes);
    expect(plan.sizeOf(largest)).toBeGreaterThan(20 * MB);
  });
});

describe("big mailbox generator, read by Python's email package", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'big-mailbox-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parses with the subject, date, Message-ID and attachment the spec gives', () => {
    const indexes = mixed;
    for (const index of indexes) writeFileSync(join(dir, `${index}.eml`), bytesOf(plan, index));
    const script = [
      'import email, email.policy, json, sys, os',
      'out = {}',
      'for name in os.listdir(sys.argv[1]):',
      '    with open(os.path.join(sys.argv[1], name), "rb") as f:',
      '        m = email.message_from_bytes(f.read(), policy=email.policy.default)',
      '    files = [[p.get_filename(), len(p.get_content())] for p in m.iter_attachments()]',
      '    out[name[:-4]] = {"subject": str(m["subject"]), "date": m["date"].datetime.timestamp(),',
      '        "id": m["message-id"] and str(m["message-id"]).strip(), "files": files,',
      '        "defects": len(m.defects) + sum(len(p.defects) for p in m.walk()),',
      '        "to": m["to"].addresses[0].addr_spec, "text": len(m.get_body(("plain",)).get_content()) > 0}',
      'print(json.dumps(out))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script, dir], { encoding: 'utf8', maxBuffer: 64 * MB });
    expect(run.stderr).toBe('');
    const read = JSON.parse(run.stdout) as Record<
      string,
      { subject: string; date: number; id: string | null; files: [string, number][]; defects: number; to: string }
    >;
    expect(Object.keys(read)).toHaveLength(indexes.length);
    for (const index of indexes) {
      const spec = plan.spec(index);
      const got = read[String(index)]!;
      const label = `message ${index}`;
      expect(got.subject, label).toBe(spec.subject);
      expect(got.date * 1000, label).toBe(spec.at);
      expect(got.id, label).toBe(spec.messageId);
      expect(got.defects, label).toBe(0);
      expect(got.to, label).toBe(spec.sent ? spec.correspondent.email : BIG_MAILBOX);
      expect(got.files, label).toEqual(spec.attachment ? [[spec.attachment.name, spec.attachment.bytes]] : []);
    }
  });
});
