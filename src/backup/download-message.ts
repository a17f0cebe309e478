import type { KsuiteApiClient } from '../ksuite/api-client';
import { KsuiteApiError } from '../ksuite/api-error';
import { startsLikeMessage } from '../mail/message-start';
import type { ListedMessage } from './list-messages';
import { HashedFileWriter } from './hashed-writer';

/**
 * One attempt at one message: its raw bytes from `…/download` into a file, hashed on the way (HashedFileWriter:
 * held whole up to a few MB, streamed beyond, so memory is bounded whatever the message's size). The file appears only if the whole message
 * arrived (the writable's swap file replaces it on close); any failure aborts the writable and leaves nothing. No
 * retry here: the caller decides, because a 429 should slow every download down, not only this one.
 */

export interface Downloaded {
  size: number;
  sha256: string;
}

/** Enough of the start to tell a message from an HTML or JSON page (startsLikeMessage reads a first field name). */
const HEAD_BYTES = 256;

export async function downloadToFile(
  api: KsuiteApiClient,
  mailboxUuid: string,
  message: ListedMessage,
  file: FileSystemFileHandle,
  options: {
    signal?: AbortSignal;
    onBytes?: (bytes: number) => void;
    /**
     * Called with the checked message before the file is closed (before it appears): the manifest line is written
     * here, so that no whole file is ever on disk without a line vouching for it. A line whose file never appeared
     * is caught by the length check of the next run.
     */
    beforeClose?: (downloaded: Downloaded) => Promise<void>;
    /** The whole message came and passed its checks: the network is free for the next one. */
    onReceived?: () => void;
  } = {},
): Promise<Downloaded> {
  const response = await api.rawMessageResponse(mailboxUuid, message.ref, { signal: options.signal, retries: 0 });
  const reader = response.body.getReader();
  let writable: FileSystemWritableFileStream | null = null;
  try {
    writable = await file.createWritable();
    // The JSON's size is what the server stores; Content-Length only what this response promised.
    const expected = message.size ?? response.announcedLength;
    const writer = new HashedFileWriter(writable, expected);
    let head: Uint8Array | null = new Uint8Array(0);
    let received = 0;
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (cause) {
        if (options.signal?.aborted) throw new KsuiteApiError('aborted', {}, { cause });
        throw new KsuiteApiError('incomplete', { code: 'connection_lost' }, { cause });
      }
      if (chunk.done) break;
      const bytes = chunk.value;
      if (head) {
        head = concat(head, bytes.subarray(0, HEAD_BYTES));
        if (head.length >= HEAD_BYTES) {
          assertMessage(head);
          head = null;
        }
      }
      await writer.write(bytes);
      received += bytes.byteLength;
      options.onBytes?.(bytes.byteLength);
    }
    if (head) assertMessage(head);
    if (expected !== null && received < expected) throw new KsuiteApiError('incomplete', { code: 'shorter_than_size' });
    if (response.announcedLength !== null && received !== response.announcedLength) {
      throw new KsuiteApiError('incomplete', { code: 'length_mismatch' });
    }
    const downloaded = { size: received, sha256: await writer.finish() };
    options.onReceived?.();
    await options.beforeClose?.(downloaded);
    const closing = writable;
    writable = null;
    await closing.close();
    return downloaded;
  } finally {
    if (writable) await writable.abort().catch(() => {});
    reader.cancel().catch(() => {});
  }
}

function assertMessage(head: Uint8Array): void {
  if (!startsLikeMessage(head)) throw new KsuiteApiError('bad_response', { code: 'not_a_message' });
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
