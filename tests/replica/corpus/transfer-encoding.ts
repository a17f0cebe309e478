/** Content-Transfer-Encodings, written straight into bytes so that 25 MB attachments stay cheap to build. */

const BASE64_ALPHABET = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const PAD = 0x3d; // '='
const CR = 0x0d;
const LF = 0x0a;

/** Base64 in lines of 76 characters (RFC 2045 §6.8) separated by CRLF, without a trailing line break. */
export function base64Lines(data: Uint8Array): Uint8Array {
  const groupsPerLine = 19; // 19 * 4 = 76 characters
  const groups = Math.ceil(data.length / 3);
  const lineCount = Math.max(1, Math.ceil(groups / groupsPerLine));
  const out = new Uint8Array(groups * 4 + (lineCount - 1) * 2);
  let o = 0;
  for (let g = 0, i = 0; g < groups; g++, i += 3) {
    if (g > 0 && g % groupsPerLine === 0) {
      out[o++] = CR;
      out[o++] = LF;
    }
    const remaining = data.length - i;
    const b0 = data[i]!;
    const b1 = remaining > 1 ? data[i + 1]! : 0;
    const b2 = remaining > 2 ? data[i + 2]! : 0;
    out[o++] = BASE64_ALPHABET[b0 >> 2]!;
    out[o++] = BASE64_ALPHABET[((b0 & 0x03) << 4) | (b1 >> 4)]!;
    out[o++] = remaining > 1 ? BASE64_ALPHABET[((b1 & 0x0f) << 2) | (b2 >> 6)]! : PAD;
    out[o++] = remaining > 2 ? BASE64_ALPHABET[b2 & 0x3f]! : PAD;
  }
  return out;
}

/** Plain base64 on one line, for RFC 2047 encoded-words. */
export function base64Inline(data: Uint8Array): string {
  return new TextDecoder().decode(base64Lines(data)).replace(/\r\n/g, '');
}

const HEX = '0123456789ABCDEF';

function hexEscape(byte: number): string {
  return `=${HEX[byte >> 4]}${HEX[byte & 0x0f]}`;
}

/**
 * Quoted-printable (RFC 2045 §6.7) of text bytes whose line breaks are CRLF. Hard breaks stay CRLF, long lines
 * get soft breaks so that no encoded line exceeds 76 characters.
 */
export function quotedPrintable(data: Uint8Array): string {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i <= data.length; i++) {
    const atEnd = i === data.length;
    if (atEnd || (data[i] === CR && data[i + 1] === LF)) {
      lines.push(encodeQpLine(data.subarray(start, i)));
      if (!atEnd) i++;
      start = i + 1;
    }
  }
  return lines.join('\r\n');
}

function encodeQpLine(line: Uint8Array): string {
  const tokens: string[] = [];
  line.forEach((byte, index) => {
    const isLast = index === line.length - 1;
    const literal = (byte >= 33 && byte <= 126 && byte !== PAD) || ((byte === 0x20 || byte === 0x09) && !isLast);
    tokens.push(literal ? String.fromCharCode(byte) : hexEscape(byte));
  });
  const out: string[] = [];
  let current = '';
  for (const token of tokens) {
    // 75 leaves room for the '=' of a soft line break.
    if (current.length + token.length > 75) {
      out.push(`${current}=`);
      current = '';
    }
    current += token;
  }
  out.push(current);
  return out.join('\r\n');
}
