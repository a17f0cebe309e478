import type { KsuiteApiClient } from '../ksuite/api-client';
import { KsuiteApiError } from '../ksuite/api-error';
import { startsLikeMessage } from '../mail/message-start';
import type { ListedMessage } from './list-messages';
import type { MessageBuffers } from './message-buffers';
import { sha256Hex } from './sha256';

/**
 * One attempt at one message: its raw bytes from `…/download` into a file, with their SHA-256. The browser takes the
 * body in as a Blob (Chromium keeps it in its own blob storage) and writes that Blob to the file itself. The page
 * reads it once, into memory the backup reuses from message to message (see MessageBuffers), to check its start
 * and hash it with Web Crypto. Measured in Chromium on 2,000 messages, the other ways cost the page far more memory:
 * a fresh buffer per message (`arrayBuffer()`) 120–170 MB, and reading the network's byte stream into reused
 * buffers, or writing bytes rather than the Blob to the file, 390 MB, against 20–40 MB this way. The file appears
 * only if the whole message arrived and passed its checks (the writable's swap file replaces it on close); any
 * failure leaves nothing. No retry here: the caller decides, because a 429 should slow every download down, not
 * only this one.
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
  /**
   * Makes (or finds) the message's file. Called only once the message has arrived and passed its checks: a file
   * made earlier would sit empty on disk for the whole download, and stay so if the tab died meanwhile.
   */
  openFile: () => Promise<FileSystemFileHandle>,
  buffers: MessageBuffers,
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
  let body: Blob;
  try {
    body = await response.blob();
  } catch (cause) {
    if (options.signal?.aborted) throw new KsuiteApiError('aborted', {}, { cause });
    throw new KsuiteApiError('incomplete', { code: 'connection_lost' }, { cause });
  }
  // The JSON's size is what the server stores; Content-Length only what this response promised.
  const expected = message.size ?? response.announcedLength;
  if (expected !== null && body.size < expected) throw new KsuiteApiError('incomplete', { code: 'shorter_than_size' });
  if (response.announcedLength !== null && body.size !== response.announcedLength) {
    throw new KsuiteApiError('incomplete', { code: 'length_mismatch' });
  }
  options.onBytes?.(body.size);
  options.onReceived?.();
  const read = await buffers.read(body.stream(), body.size, options.signal);
  let downloaded: Downloaded;
  try {
    if (!startsLikeMessage(read.bytes.subarray(0, HEAD_BYTES))) {
      throw new KsuiteApiError('bad_response', { code: 'not_a_message' });
    }
    downloaded = { size: body.size, sha256: await sha256Hex(read.bytes) };
  } finally {
    read.release();
  }
  let writable: FileSystemWritableFileStream | null = await (await openFile()).createWritable();
  try {
    await writable.write(body);
    await options.beforeClose?.(downloaded);
    const closing = writable;
    writable = null;
    await closing.close();
    return downloaded;
  } finally {
    if (writable) await writable.abort().catch(() => {});
  }
}
