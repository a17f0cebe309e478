import type {
  ApiAttachment,
  ApiFolder,
  ApiMessage,
  ApiMessagesByUids,
  ApiThreadList,
  Attachment,
  Folder,
  Message,
  MessagePage,
  MessagesByUids,
  ThreadList,
} from './types';

/**
 * The API's JSON in the one shape the rest of the extension reads: fields the server sends in more than one form
 * (a part id as string or number, a resource left out, a size of 0) are settled here, so no feature has to know.
 */

export function attachmentFromApi(attachment: ApiAttachment): Attachment {
  return {
    ...attachment,
    part_id: String(attachment.part_id),
    resource: nonEmptyString(attachment.resource),
  };
}

export function messageFromApi(message: ApiMessage): Message {
  return {
    ...message,
    size: positiveInteger(message.size),
    attachments: Array.isArray(message.attachments) ? message.attachments.map(attachmentFromApi) : [],
    attachments_resources: nonEmptyString(message.attachments_resources),
  };
}

export function threadListFromApi(list: ApiThreadList): ThreadList {
  return {
    ...list,
    threads: (list.threads ?? []).map((thread) => ({
      ...thread,
      messages: (thread.messages ?? []).map(messageFromApi),
    })),
  };
}

/** A `thread=off` list: each "thread" holds one message; the page is read as a flat list of them. */
export function messagePageFromApi(list: ApiThreadList): MessagePage {
  const messages = (list?.threads ?? []).flatMap((thread) => (thread.messages ?? []).map(messageFromApi));
  return {
    messages,
    total: nonNegativeInteger(list?.total_messages_count),
    hasMore: typeof list?.resource_next === 'string' && list.resource_next !== '',
  };
}

export function messagesByUidsFromApi(answer: ApiMessagesByUids): MessagesByUids {
  return { messages: (answer?.messages ?? []).map(messageFromApi) };
}

export function foldersFromApi(folders: readonly ApiFolder[]): Folder[] {
  return folders.map((folder) => ({
    ...folder,
    total_count: nonNegativeInteger(folder.total_count),
    children: foldersFromApi(folder.children ?? []),
  }));
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A size of 0 says nothing: android-kMail fills in 0 when the field is missing. */
function positiveInteger(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

function nonNegativeInteger(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}
