/** Test support only: tiny helpers to write MIME samples by hand, CRLF line ends, readable in the test itself. */

export const CRLF = '\r\n';

/** A body part: header lines, a blank line, the body. */
export function part(headers: string[], body: string): string {
  return `${headers.join(CRLF)}${CRLF}${CRLF}${body}`;
}

/** A multipart body with its boundary lines; the result is itself a part (with its Content-Type header). */
export function multipart(subtype: string, boundary: string, parts: string[], extraHeaders: string[] = []): string {
  const body = parts.map((p) => `--${boundary}${CRLF}${p}${CRLF}`).join('') + `--${boundary}--${CRLF}`;
  return part([`Content-Type: multipart/${subtype}; boundary="${boundary}"`, ...extraHeaders], body);
}

/** A whole message: top-level headers in front of a part. */
export function message(headers: string[], body: string): Uint8Array {
  return bytes(`${headers.join(CRLF)}${CRLF}MIME-Version: 1.0${CRLF}${body}`);
}

export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function base64(data: Uint8Array | string): string {
  const raw = typeof data === 'string' ? bytes(data) : data;
  let binary = '';
  for (const byte of raw) binary += String.fromCharCode(byte);
  return (btoa(binary).match(/.{1,76}/g) ?? ['']).join(CRLF);
}

export const textBody = (text = 'Hello,\r\nsee attached.\r\n'): string =>
  part(['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 7bit'], text);

/** A base64 file part with the given Content-Type and Content-Disposition values. */
export function filePart(
  contentType: string,
  disposition: string | undefined,
  data: Uint8Array | string,
  extra: string[] = [],
): string {
  const headers = [`Content-Type: ${contentType}`];
  if (disposition !== undefined) headers.push(`Content-Disposition: ${disposition}`);
  headers.push('Content-Transfer-Encoding: base64', ...extra);
  return part(headers, base64(data));
}

export const standardHeaders = (subject = 'Test'): string[] => [
  'From: Anna Meier <anna@example.org>',
  'To: Jonas Keller <jonas@example.org>',
  `Subject: ${subject}`,
  'Date: Wed, 04 Nov 2026 16:02:11 +0100',
  'Message-ID: <sample@example.org>',
];
