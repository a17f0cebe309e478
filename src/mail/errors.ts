/**
 * The one error type the message core throws. Callers (UI, tests) switch on `code` to show a translated
 * message; `message` is for logs only and never shown to a user.
 */
export type MailErrorCode =
  | 'empty_input' // nothing to parse
  | 'malformed_message' // the bytes are not a message we can make sense of
  | 'cancelled' // an AbortSignal fired
  | 'too_large' // beyond a limit we refuse to process in a browser tab
  | 'unsupported'; // a format we recognise but cannot decode (e.g. a TNEF variant)

export class MailError extends Error {
  override readonly name = 'MailError';

  constructor(
    readonly code: MailErrorCode,
    message: string = code,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isMailError(value: unknown): value is MailError {
  return value instanceof MailError;
}
