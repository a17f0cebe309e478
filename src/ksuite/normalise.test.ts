import { describe, expect, it } from 'vitest';
import { KsuiteApiClient } from './api-client';
import { foldersFromApi, messageFromApi } from './normalise';
import type { ApiMessage } from './types';

// The forms the server is known to send (read from Infomaniak's apps), each turned into the one shape features read.

const summary = (extra: Partial<ApiMessage>): ApiMessage => ({
  uid: '7@f',
  msg_id: '<a@example.org>',
  subject: 'Offerte',
  date: '2026-11-02T09:30:00+00:00',
  from: [],
  to: [],
  seen: false,
  flagged: false,
  resource: '/api/mail/m/folder/f/message/7',
  download_resource: '/api/mail/m/folder/f/message/7/download',
  has_attachments: true,
  folder_id: 'f',
  ...extra,
});

const pdf = {
  uuid: 'u1',
  mime_type: 'application/pdf',
  size: 1200,
  name: 'Offerte.pdf',
  disposition: 'attachment',
  content_id: null,
};

describe('messageFromApi', () => {
  it('gives every part id as a string, whether it came as a string or a number', () => {
    const message = messageFromApi(
      summary({
        attachments: [
          { ...pdf, part_id: 2 },
          { ...pdf, uuid: 'u2', part_id: '1.3' },
        ],
      }),
    );
    expect(message.attachments.map((a) => a.part_id)).toEqual(['2', '1.3']);
  });

  it('says null for an attachment without a resource of its own, and keeps the ones that have one', () => {
    const message = messageFromApi(
      summary({
        attachments: [
          { ...pdf, part_id: '2', resource: '/api/mail/m/folder/f/message/7/attachment/2' },
          { ...pdf, uuid: 'u2', part_id: '3' },
          { ...pdf, uuid: 'u3', part_id: '4', resource: null },
        ],
      }),
    );
    expect(message.attachments.map((a) => a.resource)).toEqual([
      '/api/mail/m/folder/f/message/7/attachment/2',
      null,
      null,
    ]);
  });

  it('keeps attachments_resources when given, null when not', () => {
    expect(messageFromApi(summary({ attachments_resources: '/api/x/attachments' })).attachments_resources).toBe(
      '/api/x/attachments',
    );
    expect(messageFromApi(summary({})).attachments_resources).toBeNull();
  });

  it('takes a size of 0 or none at all as unknown', () => {
    expect(messageFromApi(summary({ size: 13060 })).size).toBe(13060);
    expect(messageFromApi(summary({ size: 0 })).size).toBeNull();
    expect(messageFromApi(summary({})).size).toBeNull();
  });

  it('gives an empty attachment list when the field is missing or null', () => {
    expect(messageFromApi(summary({})).attachments).toEqual([]);
    expect(messageFromApi(summary({ attachments: null })).attachments).toEqual([]);
  });
});

describe('foldersFromApi', () => {
  it('keeps total_count through the tree, null where the server left it out', () => {
    const [inbox] = foldersFromApi([
      {
        id: 'i',
        path: 'INBOX',
        name: 'INBOX',
        role: 'INBOX',
        unread_count: 2,
        total_count: 40,
        children: [{ id: 'p', path: 'INBOX/P', name: 'P', role: null, unread_count: 0 }],
      },
    ]);
    expect(inbox!.total_count).toBe(40);
    expect(inbox!.children[0]!.total_count).toBeNull();
    expect(inbox!.children[0]!.children).toEqual([]);
  });
});

describe('the API client hands out the normalised shape', () => {
  const answer = (data: unknown) =>
    new Response(JSON.stringify({ result: 'success', data }), { headers: { 'Content-Type': 'application/json' } });

  it('asks for 50 threads a page and normalises their messages', async () => {
    const urls: string[] = [];
    const fetch = (async (url: string) => {
      urls.push(url);
      return answer({
        threads: [{ uid: '7@f', messages: [summary({ attachments: [{ ...pdf, part_id: 2 }] })] }],
        total_messages_count: 1,
        messages_count: 1,
        current_offset: 0,
        folder_unseen_messages: 1,
        resource_next: null,
      });
    }) as unknown as typeof globalThis.fetch;
    const list = await new KsuiteApiClient({ fetch }).threads('m', 'f', { unseenOnly: true });
    expect(urls).toEqual([
      'https://mail.infomaniak.com/api/mail/m/folder/f/message?offset=0&thread=on&limit=50&filters=unseen',
    ]);
    expect(list.threads[0]!.messages[0]!.attachments[0]).toMatchObject({ part_id: '2', resource: null });
  });

  it('normalises mobile/messages summaries', async () => {
    const fetch = (async () =>
      answer({ messages: [summary({ attachments: [{ ...pdf, part_id: 5 }] })] })) as unknown as typeof globalThis.fetch;
    const { messages } = await new KsuiteApiClient({ fetch }).messagesByUids('m', 'f', [7]);
    expect(messages[0]!.attachments[0]!.part_id).toBe('5');
  });
});
