import { KsuiteApiError, errorFromResponse } from './api-error';
import { MAIL_HOST, MAIL_ORIGIN } from './hosts';
import {
  foldersFromApi,
  messageFromApi,
  messagePageFromApi,
  messagesByUidsFromApi,
  threadListFromApi,
} from './normalise';
import { API_ROUTES, type ThreadQuery } from './routes';
import type {
  ApiFolder,
  ApiMessage,
  ApiMessagesByUids,
  ApiThreadList,
  ErrorEnvelope,
  Folder,
  FolderActivities,
  FolderMessageUids,
  Mailbox,
  Message,
  MessagePage,
  MessagesByUids,
  SuccessEnvelope,
} from './types';
import type { MessageRef } from './webmail-dom';
import { concatBytes } from '../mail/concat-bytes';

export interface ApiClientOptions {
  /**
   * A personal API token, for the background and the extension's pages only: a webmail page acts with its own
   * session, whatever account a token belongs to. Without one the browser's kSuite session cookies are used.
   */
  token?: string;
  /** Injected for tests of the retry policy; the extension uses the global fetch. */
  fetch?: typeof fetch;
  /** Retries after the first attempt, for 429, 5xx and network faults. */
  retries?: number;
  /** First back-off delay; doubled each retry, `Retry-After` wins when the server sends it. */
  backoffMs?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
  method?: 'GET' | 'POST';
  body?: unknown;
  accept?: string;
  /** Retries for this request instead of the client's own number (0: the caller retries, e.g. to adapt its pace). */
  retries?: number;
  /** Told before each retry, so that a wait is not a silent "Downloading…". */
  onRetry?: (retry: RetryNotice) => void;
}

/** A retry about to be made: the `attempt`-th of at most `of`. */
export interface RetryNotice {
  attempt: number;
  of: number;
}

/** What a caller of a download can follow: its bytes as they arrive, and its retries. */
export interface TransferOptions {
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
  onRetry?: (retry: RetryNotice) => void;
}

/** A raw message as it arrives: its body still to be read, and what the response announced of its length. */
export interface RawMessageResponse {
  /**
   * The whole body as a Blob. The browser fills it without handing the bytes to the page chunk by chunk (Chromium
   * keeps a large one in its blob storage, out of the page's memory), and a Blob is written to a file the same way.
   * Rejects with a TypeError when the connection breaks before the end.
   */
  blob(): Promise<Blob>;
  /** Content-Length of a plain (not content-encoded) body; null when the server does not say. */
  announcedLength: number | null;
}

export interface DownloadProgress {
  received: number;
  /** From Content-Length; null when the server does not say. */
  total: number | null;
}

/**
 * The kSuite Mail API, always on the mail host (the only host a token is ever sent to). Every call can be
 * aborted; transient failures are retried with exponential back-off; every failure is a KsuiteApiError.
 */
export class KsuiteApiClient {
  private readonly fetchImpl: typeof fetch;
  private readonly retries: number;
  private readonly backoffMs: number;

  constructor(private readonly options: ApiClientOptions = {}) {
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.retries = options.retries ?? 3;
    this.backoffMs = options.backoffMs ?? 500;
  }

  ping(signal?: AbortSignal): Promise<unknown> {
    return this.json(API_ROUTES.pingWithAuth(), { signal });
  }

  mailboxes(signal?: AbortSignal): Promise<Mailbox[]> {
    return this.json(API_ROUTES.mailboxes(), { signal });
  }

  async folders(mailboxUuid: string, signal?: AbortSignal): Promise<Folder[]> {
    return foldersFromApi(await this.json<ApiFolder[]>(API_ROUTES.folders(mailboxUuid), { signal }));
  }

  async threads(mailboxUuid: string, folderId: string, query: ThreadQuery = {}, signal?: AbortSignal) {
    return threadListFromApi(
      await this.json<ApiThreadList>(API_ROUTES.threads(mailboxUuid, folderId, query), { signal }),
    );
  }

  async message(mailboxUuid: string, ref: MessageRef, signal?: AbortSignal): Promise<Message> {
    return messageFromApi(
      await this.json<ApiMessage>(API_ROUTES.messageDetails(API_ROUTES.message(mailboxUuid, ref)), { signal }),
    );
  }

  /** One page of a folder's messages, one by one rather than in threads (`thread=off`), newest first. */
  async messagePage(
    mailboxUuid: string,
    folderId: string,
    page: { offset: number; limit: number },
    signal?: AbortSignal,
  ): Promise<MessagePage> {
    return messagePageFromApi(
      await this.json<ApiThreadList>(API_ROUTES.messagePage(mailboxUuid, folderId, page), { signal }),
    );
  }

  /** Up to `count` of a folder's short uids, newest first. */
  async dateOrderedUids(mailboxUuid: string, folderId: string, count: number, signal?: AbortSignal) {
    const answer = await this.json<FolderMessageUids>(API_ROUTES.dateOrderedUids(mailboxUuid, folderId, count), {
      signal,
    });
    return (answer?.messages_uids ?? []).filter((uid) => Number.isInteger(uid) && uid > 0);
  }

  /**
   * The raw message, for writing it to disk without holding it in the page. Unlike `rawMessage` nothing is checked here:
   * the caller counts the bytes against `announcedLength` and the message's `size`. `retries: 0` hands every 429 and
   * 5xx to the caller, which can then slow down.
   */
  async rawMessageResponse(
    mailboxUuid: string,
    ref: MessageRef,
    options: { signal?: AbortSignal; retries?: number } = {},
  ): Promise<RawMessageResponse> {
    const response = await this.send(API_ROUTES.rawMessage(mailboxUuid, ref), {
      ...options,
      accept: 'message/rfc822',
    });
    if (!response.body) throw new KsuiteApiError('incomplete', { status: response.status });
    const encoded = Boolean(response.headers.get('content-encoding'));
    return { blob: () => response.blob(), announcedLength: encoded ? null : announcedLength(response) };
  }

  /** Message summaries (no body) of a folder's messages, at most MAX_UIDS_PER_DETAILS short uids at a time. */
  async messagesByUids(
    mailboxUuid: string,
    folderId: string,
    shortUids: readonly number[],
    signal?: AbortSignal,
  ): Promise<MessagesByUids> {
    return messagesByUidsFromApi(
      await this.json<ApiMessagesByUids>(API_ROUTES.messagesByUids(mailboxUuid, folderId, shortUids), { signal }),
    );
  }

  /** The message exactly as stored (.eml bytes). A body shorter than announced is an error, never a file. */
  rawMessage(mailboxUuid: string, ref: MessageRef, options: TransferOptions = {}) {
    return this.bytes(API_ROUTES.rawMessage(mailboxUuid, ref), { ...options, accept: 'message/rfc822' });
  }

  /** Any `resource` path of the JSON (an attachment, the server-made attachments archive). */
  resource(path: string, options: TransferOptions = {}) {
    return this.bytes(path, options);
  }

  /**
   * A `resource` as a Blob. Without a length to measure progress against, the browser fills it by itself and the
   * bytes never pass through the page's JavaScript. With one, and someone to tell, the chunks are counted on their
   * way and handed to the Blob as they came, never copied into one buffer here.
   */
  async resourceBlob(path: string, options: TransferOptions = {}): Promise<Blob> {
    const response = await this.send(path, options);
    const total = announcedLength(response);
    let blob: Blob;
    try {
      blob =
        options.onProgress && total !== null && response.body
          ? await countedBlob(response, total, options.onProgress)
          : await response.blob();
    } catch (cause) {
      throw abortedOr(options.signal, new KsuiteApiError('incomplete', { status: response.status }, { cause }));
    }
    assertWhole(response, total, blob.size);
    return blob;
  }

  /**
   * The server's zip of a message's attachments (what the web app's "Alles herunterladen" gives), as a Blob the
   * browser fills by itself.
   */
  attachmentsArchive(message: Pick<Message, 'resource'>, options: TransferOptions = {}): Promise<Blob> {
    return this.resourceBlob(API_ROUTES.attachmentsArchive(message.resource), options);
  }

  /** The folder's journal position: what `folderActivities` reports changes since. */
  async folderSignature(mailboxUuid: string, folderId: string, signal?: AbortSignal): Promise<string> {
    const { signature } = await this.json<FolderMessageUids>(API_ROUTES.folderSignature(mailboxUuid, folderId), {
      signal,
    });
    return typeof signature === 'string' ? signature : '';
  }

  /** What was added, deleted and changed in a folder since `signature`, with the journal's new position. */
  folderActivities(
    mailboxUuid: string,
    folderId: string,
    signature: string,
    signal?: AbortSignal,
  ): Promise<FolderActivities> {
    return this.json<FolderActivities>(API_ROUTES.folderActivities(mailboxUuid, folderId, signature), { signal });
  }

  /** Moves messages to another folder of their mailbox. */
  moveMessages(mailboxUuid: string, uids: string[], toFolderId: string, signal?: AbortSignal): Promise<unknown> {
    return this.json(API_ROUTES.messageAction(mailboxUuid, 'move'), {
      method: 'POST',
      body: { uids, to: toFolderId },
      signal,
    });
  }

  markSeen(mailboxUuid: string, uids: string[], signal?: AbortSignal): Promise<unknown> {
    return this.json(API_ROUTES.messageAction(mailboxUuid, 'seen'), { method: 'POST', body: { uids }, signal });
  }

  async json<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(path, { ...options, accept: 'application/json' });
    let envelope: SuccessEnvelope<T> | ErrorEnvelope;
    try {
      envelope = (await response.json()) as SuccessEnvelope<T> | ErrorEnvelope;
    } catch (cause) {
      throw abortedOr(options.signal, new KsuiteApiError('bad_response', { status: response.status }, { cause }));
    }
    if (envelope?.result !== 'success') {
      throw new KsuiteApiError('bad_response', { status: response.status, code: envelope?.error?.code });
    }
    return envelope.data;
  }

  async bytes(
    path: string,
    options: RequestOptions & { onProgress?: (p: DownloadProgress) => void } = {},
  ): Promise<Uint8Array> {
    const response = await this.send(path, options);
    const total = announcedLength(response);
    const report = (received: number) => options.onProgress?.({ received, total });
    let bytes: Uint8Array;
    try {
      const inPlace = total !== null && !response.headers.get('content-encoding') ? byteReader(response) : undefined;
      const read = inPlace && (await readInPlace(inPlace, total!, report));
      bytes = read || (await readInChunks(response, total, report));
    } catch (cause) {
      throw abortedOr(options.signal, new KsuiteApiError('incomplete', { status: response.status }, { cause }));
    }
    assertWhole(response, total, bytes.length);
    return bytes;
  }

  /** Whether the API answers a cheap authenticated call with a redirect (to sign in) instead of an answer. */
  private async redirectsToSignIn(
    headers: Record<string, string>,
    credentials: RequestCredentials,
    signal: AbortSignal | undefined,
  ): Promise<boolean> {
    try {
      const response = await this.fetchImpl(new URL(API_ROUTES.pingWithAuth(), MAIL_ORIGIN).href, {
        headers: { ...headers, Accept: 'application/json' },
        credentials,
        redirect: 'manual',
        signal,
      });
      return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
    } catch {
      return false;
    }
  }

  private async send(path: string, options: RequestOptions): Promise<Response> {
    const url = new URL(path, MAIL_ORIGIN);
    if (url.origin !== MAIL_ORIGIN) throw new KsuiteApiError('bad_response', { code: 'foreign_resource' });
    const headers: Record<string, string> = { Accept: options.accept ?? '*/*' };
    const token = this.options.token;
    if (token) headers.Authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';

    // The web app's own session; a token replaces it entirely.
    const credentials: RequestCredentials = token ? 'omit' : 'include';
    let probed = false;
    const retries = options.retries ?? this.retries;
    for (let attempt = 0; ; attempt++) {
      let error: KsuiteApiError;
      let retryAfterMs: number | null = null;
      try {
        const response = await this.fetchImpl(url.href, {
          method: options.method ?? 'GET',
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          credentials,
          signal: options.signal,
        });
        if (isSignInAnswer(response, options.accept)) {
          throw new KsuiteApiError('signed_out', { status: response.status, code: 'sign_in_page' });
        }
        if (response.ok) return response;
        const code = await errorCode(response);
        retryAfterMs = retryAfter(response.headers.get('retry-after'));
        error = errorFromResponse(response.status, code, response.headers.get('x-request-id'), retryAfterMs);
      } catch (cause) {
        if (cause instanceof KsuiteApiError) throw cause;
        if (options.signal?.aborted) throw abortedOr(options.signal, new KsuiteApiError('network', {}, { cause }));
        error = new KsuiteApiError('network', {}, { cause });
        // A redirect to the sign-in host fails the fetch like a network fault (that host sends no CORS headers):
        // one look at where the API would send us tells the two apart.
        if (!probed) {
          probed = true;
          if (await this.redirectsToSignIn(headers, credentials, options.signal)) {
            throw new KsuiteApiError('signed_out', { code: 'sign_in_redirect' }, { cause });
          }
        }
      }
      if (!error.retryable || attempt >= retries) throw error;
      options.onRetry?.({ attempt: attempt + 1, of: retries });
      await sleep(retryAfterMs ?? this.backoffMs * 2 ** attempt, options.signal);
    }
  }
}

/**
 * The sign-in page where the API was asked: a redirect that left the mail host (followed, where the sign-in host
 * allowed it), or an HTML page where JSON or a message was asked for. The API itself never answers with HTML.
 */
function isSignInAnswer(response: Response, accept: string | undefined): boolean {
  if (response.type === 'opaqueredirect') return true;
  if (response.redirected && response.url && new URL(response.url).hostname !== MAIL_HOST) return true;
  const html = /^\s*text\/html\b/i.test(response.headers.get('content-type') ?? '');
  return html && (accept === 'application/json' || accept === 'message/rfc822');
}

/** A reader that fills arrays of ours (a byte stream's), where the browser gives one; undefined otherwise. */
function byteReader(response: Response): ReadableStreamBYOBReader | undefined {
  try {
    return response.body?.getReader({ mode: 'byob' });
  } catch {
    return undefined; // not a byte stream here: read in the browser's chunks
  }
}

/**
 * The body read straight into one array of the announced length: the browser copies each piece into its place,
 * with no chunk of its own to allocate and no copy here (on a 35 MB message, 20–30 ms of the page's main thread and
 * 35 MB of garbage). Each read hands the array back in a new buffer (the old one is detached), so only the latest
 * is kept. Bytes past the announced length (a server that announced too little) are read on in pieces and joined.
 * undefined if the browser refuses the very first read (nothing is taken from the body then, and the lock on it is
 * let go): a Firefox content script's fetch body cannot fill an array of the script's own.
 */
async function readInPlace(
  reader: ReadableStreamBYOBReader,
  total: number,
  report: (received: number) => void,
): Promise<Uint8Array | undefined> {
  let buffer = new ArrayBuffer(total);
  let received = 0;
  while (received < total) {
    const view = new Uint8Array(buffer, received, total - received);
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await reader.read(view);
    } catch (error) {
      if (received > 0) throw error;
      reader.releaseLock();
      return undefined;
    }
    const { done, value } = result;
    if (value) buffer = value.buffer as ArrayBuffer;
    if (done) return new Uint8Array(buffer, 0, received);
    received += value!.byteLength;
    report(received);
  }
  const more: Uint8Array[] = [new Uint8Array(buffer)];
  for (;;) {
    const { done, value } = await reader.read(new Uint8Array(64 * 1024));
    if (done) break;
    more.push(value);
    received += value.byteLength;
    report(received);
  }
  return concatBytes(more);
}

/** The body in the browser's own chunks, copied into place as they come (see GrowingBytes). */
async function readInChunks(
  response: Response,
  total: number | null,
  report: (received: number) => void,
): Promise<Uint8Array> {
  const body = new GrowingBytes(total);
  let received = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    body.append(value);
    received += value.byteLength;
    report(received);
  }
  return body.bytes();
}

/** The body as a Blob of the chunks as they came, each counted; `total` is the announced length. */
async function countedBlob(
  response: Response,
  total: number,
  onProgress: (p: DownloadProgress) => void,
): Promise<Blob> {
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress({ received, total });
  }
  return new Blob(chunks as BlobPart[], { type: response.headers.get('content-type') ?? '' });
}

/** Content-Length, when the server gives a usable one. */
function announcedLength(response: Response): number | null {
  const announced = Number(response.headers.get('content-length'));
  return Number.isFinite(announced) && announced > 0 ? announced : null;
}

/** A body shorter than announced is an error, never a file. */
function assertWhole(response: Response, total: number | null, received: number): void {
  // Compressed transfers announce the compressed length; only a plain body can be checked this way.
  if (total !== null && received < total && !response.headers.get('content-encoding')) {
    throw new KsuiteApiError('incomplete', { status: response.status });
  }
}

function abortedOr(signal: AbortSignal | undefined, error: KsuiteApiError): KsuiteApiError {
  return signal?.aborted ? new KsuiteApiError('aborted', {}, { cause: signal.reason }) : error;
}

async function errorCode(response: Response): Promise<string | undefined> {
  try {
    const envelope = (await response.json()) as ErrorEnvelope;
    return envelope?.error?.code;
  } catch {
    return undefined;
  }
}

/** `Retry-After` in seconds (the HTTP-date form is rare for APIs and ignored); capped so a UI never hangs. */
function retryAfter(header: string | null): number | null {
  const seconds = Number(header);
  return header && Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 30) * 1000 : null;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new KsuiteApiError('aborted', {}, { cause: signal.reason }));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new KsuiteApiError('aborted', {}, { cause: signal.reason }));
      },
      { once: true },
    );
  });
}

/**
 * The body as it arrives in the browser's chunks (where it cannot be read into place, see readInPlace). With the
 * length announced, each chunk is copied into place while the next one is still on
 * the network, instead of all of them at the end (on a 35 MB message, tens of milliseconds after the last chunk).
 * A body longer than announced (a compressed transfer announces the compressed length) falls back to collecting
 * chunks.
 */
class GrowingBytes {
  #buffer: Uint8Array | null;
  #chunks: Uint8Array[] = [];
  #length = 0;

  constructor(announced: number | null) {
    this.#buffer = announced === null ? null : new Uint8Array(announced);
  }

  append(chunk: Uint8Array): void {
    if (this.#buffer && this.#length + chunk.byteLength <= this.#buffer.length) {
      this.#buffer.set(chunk, this.#length);
    } else {
      if (this.#buffer) this.#chunks.push(this.#buffer.subarray(0, this.#length));
      this.#buffer = null;
      this.#chunks.push(chunk);
    }
    this.#length += chunk.byteLength;
  }

  bytes(): Uint8Array {
    if (this.#buffer) {
      return this.#length === this.#buffer.length ? this.#buffer : this.#buffer.slice(0, this.#length);
    }
    return concatBytes(this.#chunks);
  }
}
