/**
 * Encoders for the legacy charsets the corpus needs. The platform only encodes UTF-8, so ISO-8859-1 is done by
 * code point and the Japanese charsets from a small hand-made table covering only the characters we use.
 */

/** Charsets the corpus writes text in. */
export type Charset = 'utf-8' | 'iso-8859-1' | 'iso-2022-jp' | 'shift_jis';

/**
 * JIS X 0208 codes (row/cell + 0x20 each, as two bytes) of the kanji and punctuation used in the Japanese
 * headers and bodies. Taken from the JIS X 0208 code chart; the test suite decodes the results back to check them.
 */
const JIS_TABLE: Readonly<Record<string, number>> = {
  '。': 0x2123,
  ー: 0x213c,
  会: 0x3271,
  回: 0x3273,
  議: 0x3544,
  月: 0x376e,
  見: 0x382b,
  事: 0x3b76,
  書: 0x3d71,
  積: 0x4051,
  送: 0x4177,
  第: 0x4268,
  年: 0x472f,
  付: 0x4955,
  録: 0x4f3f,
  咲: 0x3a69,
  中: 0x4366,
  田: 0x4544,
  美: 0x487e,
};

/** Kana sit in rows 4 and 5 of JIS X 0208 in Unicode order, so they need no table. */
function jisCode(char: string): number {
  const cp = char.codePointAt(0)!;
  if (cp >= 0x3041 && cp <= 0x3093) return 0x2421 + (cp - 0x3041); // hiragana
  if (cp >= 0x30a1 && cp <= 0x30f6) return 0x2521 + (cp - 0x30a1); // katakana
  const code = JIS_TABLE[char];
  if (code === undefined) throw new Error(`corpus: no JIS code for ${JSON.stringify(char)}; add it to JIS_TABLE`);
  return code;
}

const ESC_JIS_X_0208 = [0x1b, 0x24, 0x42]; // ESC $ B
const ESC_ASCII = [0x1b, 0x28, 0x42]; // ESC ( B

/** ISO-2022-JP (RFC 1468): 7-bit, switching between ASCII and JIS X 0208 with escape sequences. */
function encodeIso2022Jp(text: string): Uint8Array {
  const out: number[] = [];
  let inJis = false;
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp < 0x80) {
      if (inJis) out.push(...ESC_ASCII);
      inJis = false;
      out.push(cp);
    } else {
      if (!inJis) out.push(...ESC_JIS_X_0208);
      inJis = true;
      const code = jisCode(char);
      out.push(code >> 8, code & 0xff);
    }
  }
  if (inJis) out.push(...ESC_ASCII); // RFC 1468: text must end in ASCII
  return Uint8Array.from(out);
}

/** Shift_JIS is an arithmetic rearrangement of the same JIS X 0208 codes. */
function encodeShiftJis(text: string): Uint8Array {
  const out: number[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    const code = jisCode(char);
    const j1 = code >> 8;
    const j2 = code & 0xff;
    out.push(((j1 + 1) >> 1) + (j1 <= 0x5e ? 0x70 : 0xb0));
    out.push(j1 % 2 === 1 ? j2 + (j2 >= 0x60 ? 0x20 : 0x1f) : j2 + 0x7e);
  }
  return Uint8Array.from(out);
}

function encodeLatin1(text: string): Uint8Array {
  const out: number[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp > 0xff) throw new Error(`corpus: ${JSON.stringify(char)} is not in ISO-8859-1`);
    out.push(cp);
  }
  return Uint8Array.from(out);
}

export function encodeText(text: string, charset: Charset): Uint8Array {
  switch (charset) {
    case 'utf-8':
      return new TextEncoder().encode(text);
    case 'iso-8859-1':
      return encodeLatin1(text);
    case 'iso-2022-jp':
      return encodeIso2022Jp(text);
    case 'shift_jis':
      return encodeShiftJis(text);
  }
}
