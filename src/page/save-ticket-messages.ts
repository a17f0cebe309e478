/**
 * The runtime messages of saving through the kSuite shell (save-through-shell.ts). Runtime messaging reaches only
 * the extension's own scripts, never the page's: what arrives this way comes from our content scripts or background.
 */

/** From the mail frame's content script to the background: a ticket to save one file. Answered by it, or null. */
export const SAVE_TICKET_REQUEST = 'ksuite-companion/save-ticket-request';
/** From the background to the shell's content script: expect this ticket, for this file name. Answered by true. */
export const EXPECT_SAVE = 'ksuite-companion/expect-save';

export interface SaveTicketRequest {
  type: typeof SAVE_TICKET_REQUEST;
  fileName: string;
}

export interface ExpectSaveMessage {
  type: typeof EXPECT_SAVE;
  ticket: string;
  fileName: string;
}

export function isSaveTicketRequest(message: unknown): message is SaveTicketRequest {
  const candidate = message as Partial<SaveTicketRequest> | null;
  return candidate?.type === SAVE_TICKET_REQUEST && typeof candidate.fileName === 'string';
}

export function isExpectSaveMessage(message: unknown): message is ExpectSaveMessage {
  const candidate = message as Partial<ExpectSaveMessage> | null;
  return (
    candidate?.type === EXPECT_SAVE && typeof candidate.ticket === 'string' && typeof candidate.fileName === 'string'
  );
}
