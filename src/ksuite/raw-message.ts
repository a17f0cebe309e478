import { startsLikeMessage } from '../mail/message-start';
import type { KsuiteApiClient, TransferOptions } from './api-client';
import { KsuiteApiError } from './api-error';
import type { MessageRef } from './webmail-dom';

/**
 * The raw message (.eml bytes), checked against what the message JSON says of it before anything is saved from it.
 * A proxy or server can end a download "cleanly", with a Content-Length that matches the shortened body, and an
 * expired session can answer with an HTML page and status 200: neither is caught by the transfer itself.
 */

/** How a downloaded body compares with the message it should be. */
export type RawMessageVerdict = 'whole' | 'short' | 'not_a_message';

/**
 * `size` is the message JSON's `size` (null when not given). Fewer bytes than that is a cut message. More bytes,
 * or no size to compare with, is accepted: whether the server's `size` is always the exact raw length is not known,
 * and refusing every message of a mailbox over a few bytes would be worse than the rare cut it could catch.
 */
export function checkRawMessage(bytes: Uint8Array, size: number | null): RawMessageVerdict {
  if (bytes.length > 0 && !startsLikeMessage(bytes)) return 'not_a_message';
  if (size !== null && bytes.length < size) return 'short';
  return bytes.length > 0 ? 'whole' : 'not_a_message';
}

/**
 * The raw message of `ref`, whole: a short body is asked for once more (a cut is often a passing fault), then
 * refused as `incomplete`; a body that is not a message is refused as `bad_response` at once. Never returns bytes
 * that failed the check.
 */
export async function downloadRawMessage(
  api: KsuiteApiClient,
  mailboxUuid: string,
  message: { ref: MessageRef; size: number | null },
  options: TransferOptions = {},
): Promise<Uint8Array> {
  for (let attempt = 0; ; attempt++) {
    const bytes = await api.rawMessage(mailboxUuid, message.ref, options);
    const verdict = checkRawMessage(bytes, message.size);
    if (verdict === 'whole') return bytes;
    if (verdict === 'not_a_message') throw new KsuiteApiError('bad_response', { code: 'not_a_message' });
    if (attempt >= 1) throw new KsuiteApiError('incomplete', { code: 'shorter_than_size' });
  }
}
