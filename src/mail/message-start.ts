/**
 * Whether bytes begin the way a stored message (RFC 5322) does: with a header field, a name and then a colon. A
 * download that answers with something else (a sign-in page, a proxy's error page, a JSON error) fails this at the
 * first line, before it can be saved as a message.
 */

/** Long enough for any real first field name; a "name" running past this is not one. */
const FIRST_NAME_LIMIT = 200;

/**
 * True when the first line is a header field (or an mbox `From ` line): a name of letters, digits, `-`, `_` or `.` (what real field names use,
 * a narrower set than RFC 5322's printable characters, so that `{"result":` or `<html lang=` are not taken for one),
 * then optional blanks (obsolete syntax), then `:`.
 */
export function startsLikeMessage(bytes: Uint8Array): boolean {
  // A server that stores mbox may hand out its `From sender date` separator line too; the message follows it.
  if (startsWithMboxSeparator(bytes)) return true;
  const first = bytes[0];
  if (first === undefined || !isLetter(first)) return false;
  let i = 1;
  while (i < bytes.length && i < FIRST_NAME_LIMIT && isNameByte(bytes[i]!)) i++;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x3a; // ':'
}

const MBOX_FROM = [0x46, 0x72, 0x6f, 0x6d, 0x20]; // "From "

function startsWithMboxSeparator(bytes: Uint8Array): boolean {
  const sender = bytes[MBOX_FROM.length];
  return MBOX_FROM.every((byte, i) => bytes[i] === byte) && sender !== undefined && sender > 0x20 && sender < 0x7f;
}

function isLetter(byte: number): boolean {
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
}

function isNameByte(byte: number): boolean {
  return isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte === 0x2d || byte === 0x5f || byte === 0x2e;
}
