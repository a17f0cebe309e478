import JSZip from 'jszip';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorEnvelope, FolderJson, MailboxJson, MessageJson, ThreadListJson } from './api-json.ts';
import { folderIdFromPath } from './folder-id.ts';
import { startFixtureReplica, type FixtureReplica } from './testing/fixture-replica.ts';
import {
  DEMO,
  FILLER_COUNT,
  NOTES_TEXT,
  OTHER,
  PDF_BYTES,
  PNG_BYTES,
  REPORT_SUBJECT,
  fixtureCorpus,
} from './testing/fixture-corpus.ts';

let r: FixtureReplica;
let uuid: string;
const INBOX = 'eJzz9HPyjwAABGYBgQ--';
const PROJECTS = folderIdFromPath('INBOX/Projects');
const TRASH = folderIdFromPath('Trash');

beforeAll(async () => {
  r = await startFixtureReplica();
});
afterAll(() => r.replica.close());
beforeEach(async () => {
  r.replica.control.reset();
  uuid = (await r.data<MailboxJson[]>('/api/mailbox'))[0]?.uuid ?? '';
});

const folderPath = (id = INBOX) => `/api/mail/${uuid}/folder/${id}`;

/** Thread list of a folder; `query` adds or overrides parameters ('&thread=off&filters=unseen'). */
function list(query = '', id = INBOX): Promise<ThreadListJson> {
  const params = new URLSearchParams({ offset: '0', thread: 'on' });
  for (const [key, value] of new URLSearchParams(query)) params.set(key, value);
  return r.data<ThreadListJson>(`${folderPath(id)}/message?${params}`);
}

const messagesOf = (data: ThreadListJson) => data.threads.flatMap((thread) => thread.messages);

async function messageBySubject(subject: string, id = INBOX): Promise<MessageJson> {
  const found = messagesOf(await list('&thread=off', id)).find((m) => m.subject === subject);
  if (!found) throw new Error(`no message "${subject}"`);
  return r.data<MessageJson>(`${found.resource}?prefered_format=html&with=auto_uncrypt`);
}

describe('mailboxes and folders', () => {
  it('lists mailboxes primary first, then by email, with the documented fields', async () => {
    const res = await r.api('/api/mailbox?with=aliases,unseen');
    const body = res.json<{ result: string; data: MailboxJson[] }>();
    expect(body.result).toBe('success');
    expect(body.data.map((m) => m.email)).toEqual([DEMO, OTHER]);
    expect(body.data[0]).toEqual({
      uuid: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/),
      email: DEMO,
      mailbox: 'demo',
      mailbox_id: expect.any(Number),
      hosting_id: expect.any(Number),
      is_primary: true,
      is_locked: false,
      is_valid: true,
      unseen_messages: 2,
      aliases: [],
      is_part_of_ksuite: true,
    });
  });

  it('keeps mailbox uuids stable across restarts', async () => {
    const again = await startFixtureReplica();
    try {
      expect((await again.data<MailboxJson[]>('/api/mailbox'))[0]?.uuid).toBe(uuid);
    } finally {
      await again.replica.close();
    }
  });

  it('returns the folder tree with real-style ids and unread counts', async () => {
    const tree = await r.data<FolderJson[]>(`/api/mail/${uuid}/folder?with=ik-static`);
    expect(tree.map((f) => f.path)).toEqual(['INBOX', 'Sent', 'Trash']);
    const inbox = tree[0];
    expect(inbox).toMatchObject({
      id: INBOX,
      path: 'INBOX',
      name: 'INBOX',
      role: 'INBOX',
      is_favorite: true,
      unread_count: 2,
      total_count: 4,
      separator: '/',
    });
    expect(inbox?.children).toEqual([
      expect.objectContaining({
        id: PROJECTS,
        path: 'INBOX/Projects',
        name: 'Projects',
        role: null,
        unread_count: Math.floor(FILLER_COUNT / 2),
        total_count: FILLER_COUNT,
        children: [],
      }),
    ]);
  });

  it('answers unknown mailboxes, folders and routes with 404 error envelopes', async () => {
    const cases: [string, string][] = [
      ['/api/mail/00000000-0000-4000-a000-000000000000/folder', 'object_not_found'],
      [`/api/mail/${uuid}/folder/eJwLSS0uAQAEXQG~/message`, 'folder__not_exists'],
      [`${folderPath()}/message/99999`, 'mail__message_not_found'],
      ['/api/nothing-here', 'object_not_found'],
    ];
    for (const [path, code] of cases) {
      const res = await r.api(path);
      expect(res.status, path).toBe(404);
      expect(res.json<ErrorEnvelope>(), path).toEqual({
        result: 'error',
        error: { code, description: expect.any(String) },
      });
    }
  });
});

describe('thread list', () => {
  it('groups a reply with its parent, newest thread first, with the documented fields', async () => {
    const data = await list();
    expect(data).toMatchObject({
      total_messages_count: 4,
      messages_count: 3,
      current_offset: 0,
      thread_mode: 'on',
      folder_unseen_messages: 2,
      resource_previous: null,
      resource_next: null,
    });
    expect(data.threads.map((t) => t.messages[0]?.msg_id)).toEqual([
      null,
      '<report@example.com>',
      '<kickoff@example.net>',
    ]);
    const kickoff = data.threads[2];
    expect(kickoff?.messages.map((m) => m.subject)).toEqual(['Project kickoff', 'Re: Project kickoff']);
    expect(kickoff).toMatchObject({
      uid: kickoff?.messages[0]?.uid,
      messages_count: 2,
      unseen_messages: 1,
      answered: true,
      flagged: false,
    });
    expect(kickoff?.from.map((p) => p.email)).toEqual(['carla@example.net', 'bob@example.org']);
    expect(kickoff?.messages[0]?.body).toBeUndefined();
  });

  it('lists every message on its own with thread=off', async () => {
    const data = await list('&thread=off');
    expect(data.thread_mode).toBe('off');
    expect(data.threads).toHaveLength(4);
    expect(data.threads.every((t) => t.messages.length === 1)).toBe(true);
  });

  it('pages by 50 with resource_next/previous that work as given', async () => {
    const first = await list('', PROJECTS);
    expect(first.threads).toHaveLength(50);
    expect(first.messages_count).toBe(FILLER_COUNT);
    expect(first.threads[0]?.subject).toBe(`Filler number ${FILLER_COUNT - 1}`);
    expect(first.resource_next).toBe(`${folderPath(PROJECTS)}/message?offset=50&thread=on`);
    const second = await r.data<ThreadListJson>(first.resource_next ?? '');
    expect(second.current_offset).toBe(50);
    expect(second.threads).toHaveLength(FILLER_COUNT - 50);
    expect(second.resource_next).toBeNull();
    expect(second.resource_previous).toBe(`${folderPath(PROJECTS)}/message?offset=0&thread=on`);
  });

  it('takes the page size from limit, and keeps it in resource_next/previous', async () => {
    const first = await list('&limit=20', PROJECTS);
    expect(first.threads).toHaveLength(20);
    expect(first.resource_next).toBe(`${folderPath(PROJECTS)}/message?offset=20&thread=on&limit=20`);
    const second = await r.data<ThreadListJson>(first.resource_next ?? '');
    expect(second.threads[0]?.subject).toBe(`Filler number ${FILLER_COUNT - 21}`);
    expect(second.resource_previous).toBe(`${folderPath(PROJECTS)}/message?offset=0&thread=on&limit=20`);
    // Beyond the replica's maximum (200), or not a number: capped, or the default of 50.
    expect((await list('&limit=100000', PROJECTS)).threads).toHaveLength(FILLER_COUNT);
    expect((await list('&limit=many', PROJECTS)).threads).toHaveLength(50);
  });

  it('filters unseen, seen and starred', async () => {
    expect(messagesOf(await list('&thread=off&filters=unseen')).map((m) => m.seen)).toEqual([false, false]);
    expect((await list('&thread=off&filters=seen')).threads).toHaveLength(2);
    expect((await list('&thread=off&filters=starred')).threads.map((t) => t.subject)).toEqual([REPORT_SUBJECT]);
  });

  it('searches by text, sender, subject and attachments', async () => {
    const subjects = async (query: string) => (await list(`&thread=off${query}`)).threads.map((t) => t.subject);
    expect(await subjects('&scontains=monday')).toEqual(['Re: Project kickoff', 'Project kickoff']);
    expect(await subjects('&sfrom=bob')).toEqual(['Re: Project kickoff']);
    expect(await subjects('&sto=carla')).toEqual(['Re: Project kickoff']);
    expect(await subjects('&ssubject=quarterly')).toEqual([REPORT_SUBJECT]);
    expect(await subjects('&sattachments=yes')).toEqual([REPORT_SUBJECT]);
  });
});

describe('one message', () => {
  it('has every documented field, built from the raw message', async () => {
    const message = await messageBySubject(REPORT_SUBJECT);
    const shortUid = message.uid.split('@')[0];
    expect(message).toMatchObject({
      uid: `${shortUid}@${INBOX}`,
      msg_id: '<report@example.com>',
      folder_id: INBOX,
      subject: REPORT_SUBJECT,
      date: '2026-01-06T08:15:00+00:00',
      internal_date: '2026-01-06T08:15:05+00:00',
      priority: 'normal',
      from: [{ email: 'finance@example.com', name: 'Finance Team' }],
      to: [{ email: DEMO, name: '' }],
      cc: [],
      bcc: [],
      reply_to: [],
      in_reply_to: null,
      references: null,
      dkim_status: 'valid',
      resource: `/api/mail/${uuid}/folder/${INBOX}/message/${shortUid}`,
      download_resource: `/api/mail/${uuid}/folder/${INBOX}/message/${shortUid}/download`,
      seen: false,
      flagged: true,
      answered: false,
      forwarded: false,
      is_draft: false,
      has_attachments: true,
      preview: 'See the figures.',
      body: { type: 'text/html', value: expect.stringContaining('cid:logo@example.com'), subBody: [] },
      headers: { 'x-infomaniak-spam': 'ham' },
      has_unsubscribe_link: true,
      st_uuid: null,
    });
    expect(message.size).toBe(fixtureCorpus().messages.find((m) => m.id === 'report')?.raw.byteLength);
    expect(message.attachments).toEqual([
      expect.objectContaining({
        name: 'logo.png',
        mime_type: 'image/png',
        disposition: 'inline',
        content_id: '<logo@example.com>',
        size: PNG_BYTES.length,
      }),
      expect.objectContaining({
        name: 'report.pdf',
        mime_type: 'application/pdf',
        disposition: 'attachment',
        encoding: 'base64',
        size: PDF_BYTES.length,
      }),
      expect.objectContaining({
        name: 'Notizen Zürich.txt',
        mime_type: 'text/plain',
        disposition: 'attachment',
        size: Buffer.byteLength(NOTES_TEXT),
      }),
    ]);
    for (const attachment of message.attachments) {
      expect(attachment.uuid).toMatch(/^[0-9a-f]{32}$/);
      expect(attachment.resource).toBe(`${message.resource}/attachment/${attachment.part_id}`);
    }
  });

  it('serves the variants the apps accept: numeric part ids, attachments_resources', async () => {
    const message = await messageBySubject(REPORT_SUBJECT);
    // multipart/mixed [ multipart/related [ html, logo ], pdf, notes ]: nested ids stay strings, top-level are numbers.
    expect(message.attachments.map((a) => a.part_id)).toEqual(['1.2', 2, 3]);
    expect(message.attachments_resources).toBe(`${message.resource}/attachmentsArchive`);
    const reply = await messageBySubject('Re: Project kickoff');
    expect(reply.attachments_resources).toBeNull();
  });

  it('lists an attached message without a resource of its own', async () => {
    const inner = 'From: a@example.org\r\nSubject: Inner\r\n\r\nHello\r\n';
    const raw = [
      'From: b@example.org',
      'To: demo@replica.example',
      'Subject: Forwarded as attachment',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'See attached.',
      '--b',
      'Content-Type: message/rfc822',
      'Content-Disposition: attachment; filename="Inner.eml"',
      '',
      inner,
      '--b--',
      '',
    ].join('\r\n');
    r.replica.control.deliver({ raw: new TextEncoder().encode(raw) });
    const message = await messageBySubject('Forwarded as attachment');
    expect(message.attachments).toEqual([
      expect.objectContaining({ name: 'Inner.eml', mime_type: 'message/rfc822', part_id: 2 }),
    ]);
    expect(message.attachments[0]).not.toHaveProperty('resource');
  });

  it('gives the plain-text body when asked for plain', async () => {
    const message = await messageBySubject(REPORT_SUBJECT);
    const plain = await r.data<MessageJson>(`${message.resource}?prefered_format=plain`);
    // The message has no text part, so HTML is all there is.
    expect(plain.body?.type).toBe('text/html');
    const reply = await messageBySubject('Re: Project kickoff');
    expect((await r.data<MessageJson>(`${reply.resource}?prefered_format=plain`)).body?.type).toBe('text/plain');
  });

  it('reads threading and priority headers of a reply', async () => {
    const reply = await messageBySubject('Re: Project kickoff');
    expect(reply).toMatchObject({
      in_reply_to: '<kickoff@example.net>',
      references: '<kickoff@example.net>',
      priority: 'high',
      dkim_status: 'not_signed',
      cc: [{ email: 'carla@example.net', name: 'Carla Chef' }],
      headers: {},
      has_unsubscribe_link: false,
      body: { type: 'text/plain', value: 'Monday works for me.\n' },
    });
  });

  it('still answers with JSON for a malformed message', async () => {
    const broken = messagesOf(await list('&thread=off&filters=seen')).find((m) => m.msg_id === null);
    const res = await r.api(broken?.resource ?? '');
    expect(res.status).toBe(200);
    expect(res.json<{ data: MessageJson }>().data).toMatchObject({
      uid: broken?.uid,
      attachments: expect.any(Array),
      body: { type: expect.any(String) },
    });
  });

  it('downloads the exact raw bytes as message/rfc822 with an RFC 6266 name', async () => {
    const message = await messageBySubject(REPORT_SUBJECT);
    const res = await r.api(message.download_resource);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('message/rfc822');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Quarterly report_ figures & notes.eml"; filename*=UTF-8''Quarterly%20report_%20figures%20%26%20notes.eml`,
    );
    const raw = fixtureCorpus().messages.find((m) => m.id === 'report')?.raw;
    expect(Number(res.headers['content-length'])).toBe(raw?.byteLength);
    expect(res.body.equals(Buffer.from(raw ?? []))).toBe(true);
  });

  it('serves each attachment decoded with its type', async () => {
    const message = await messageBySubject(REPORT_SUBJECT);
    const [logo, pdf, notes] = message.attachments;
    const pdfRes = await r.api(pdf?.resource ?? '');
    expect(pdfRes.headers['content-type']).toBe('application/pdf');
    expect(pdfRes.body.equals(PDF_BYTES)).toBe(true);
    const notesRes = await r.api(notes?.resource ?? '');
    expect(notesRes.body.toString('utf8')).toBe(NOTES_TEXT);
    expect(notesRes.headers['content-disposition']).toContain("filename*=UTF-8''Notizen%20Z%C3%BCrich.txt");
    expect((await r.api(logo?.resource ?? '')).body.equals(PNG_BYTES)).toBe(true);
    expect(await r.errorCode(`${message.resource}/attachment/9.9`)).toBe('mail__message_attachment_not_found');
  });

  it('zips the non-inline attachments in attachmentsArchive', async () => {
    const message = await messageBySubject(REPORT_SUBJECT);
    const res = await r.api(`${message.resource}/attachmentsArchive`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''.*\.zip$/);
    const zip = await JSZip.loadAsync(res.body);
    expect(Object.keys(zip.files).sort()).toEqual(['Notizen Zürich.txt', 'report.pdf']);
    expect((await zip.file('report.pdf')?.async('nodebuffer'))?.equals(PDF_BYTES)).toBe(true);
    expect(await zip.file('Notizen Zürich.txt')?.async('string')).toBe(NOTES_TEXT);
  });
});

describe('message actions', () => {
  const post = (action: string, json: unknown) =>
    r.api(`/api/mail/${uuid}/message/${action}`, { method: 'POST', json });

  it('marks seen and unseen, and the counts follow everywhere', async () => {
    const unseen = messagesOf(await list('&thread=off&filters=unseen')).map((m) => m.uid);
    const res = await post('seen', { uids: unseen });
    expect(res.json()).toEqual({ result: 'success', data: { flagged: 2 } });
    expect((await list()).folder_unseen_messages).toBe(0);
    expect((await r.data<MailboxJson[]>('/api/mailbox'))[0]?.unseen_messages).toBe(0);
    expect((await r.data<FolderJson[]>(`/api/mail/${uuid}/folder`))[0]?.unread_count).toBe(0);
    await post('unseen', { uids: [unseen[0]] });
    expect((await list()).folder_unseen_messages).toBe(1);
  });

  it('stars and unstars', async () => {
    const report = await messageBySubject(REPORT_SUBJECT);
    await post('unstar', { uids: [report.uid] });
    expect((await r.data<MessageJson>(report.resource)).flagged).toBe(false);
    await post('star', { uids: [report.uid] });
    expect((await r.data<MessageJson>(report.resource)).flagged).toBe(true);
  });

  it('moves to another folder with a new uid, and delete goes to the trash', async () => {
    const report = await messageBySubject(REPORT_SUBJECT);
    expect((await post('move', { uids: [report.uid], to: PROJECTS })).status).toBe(200);
    expect((await r.api(report.resource)).status).toBe(404);
    const moved = messagesOf(await list('&ssubject=quarterly', PROJECTS))[0];
    expect(moved?.folder_id).toBe(PROJECTS);
    await post('delete', { uids: [moved?.uid] });
    const trashed = messagesOf(await list('', TRASH))[0];
    expect(trashed?.subject).toBe(REPORT_SUBJECT);
    await post('delete', { uids: [trashed?.uid] });
    expect((await list('', TRASH)).threads).toHaveLength(0);
  });

  it('validates the body', async () => {
    const code = async (action: string, json: unknown) => (await post(action, json)).json<ErrorEnvelope>().error.code;
    expect(await code('seen', {})).toBe('validation_failed');
    expect((await post('seen', { uids: Array.from({ length: 1001 }, (_, i) => `${i}@${INBOX}`) })).status).toBe(400);
    expect(await code('seen', { uids: [`424242@${INBOX}`] })).toBe('mail__message_not_found');
    expect(await code('move', { uids: [`1@${INBOX}`], to: 'nope' })).toBe('mail__move_destination_folder_not_found');
    expect((await r.api(`/api/mail/${uuid}/message/seen`, { method: 'POST', body: '{oops' })).status).toBe(400);
  });
});
