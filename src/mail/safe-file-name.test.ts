import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileNameAllocator, MAX_FILE_NAME_BYTES, safeFileName, uniqueFileNames, utf8Length } from './safe-file-name';

/** Properties every result must have, whatever went in. */
function expectUsable(name: string): void {
  expect(name).not.toBe('');
  expect(name).not.toBe('.');
  expect(name).not.toBe('..');
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  expect(name).not.toMatch(/[/\\:*?"<>|\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
  expect(name).not.toMatch(/^\./);
  expect(name).not.toMatch(/[. ]$/);
  expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
  expect(name).toBe(name.normalize('NFC'));
}

describe('utf8Length', () => {
  it.each([
    ['ASCII', 'report.pdf'],
    ['two-byte letters', 'Übersicht für Zoë.pdf'],
    ['three-byte characters', '請求書 €.pdf'],
    ['astral characters (a surrogate pair each)', '👩‍💻 𝒳 🇨🇭.txt'],
    ['a lone high surrogate, at the end too', 'a\ud800b\ud800'],
    ['a lone low surrogate', '\udc00x'],
    ['nothing', ''],
  ])('%s: as many bytes as TextEncoder writes', (_, text) => {
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });
});

describe('safeFileName', () => {
  it('keeps ordinary names, accents and scripts as they are', () => {
    for (const name of [
      'Offerte 2026-118.pdf',
      'Übersicht März.xlsx',
      '日本語の資料.docx',
      'résumé (final).pdf',
      'файл.txt',
    ]) {
      expect(safeFileName(name)).toBe(name);
    }
  });

  it('replaces path separators and characters Windows forbids', () => {
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j.txt')).toBe('a_b_c_d_e_f_g_h_i_j.txt');
  });

  it('makes path traversal impossible', () => {
    expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileName('..\\..\\Windows\\win.ini')).toBe('_.._Windows_win.ini');
    expect(safeFileName('/absolute/path.txt')).toBe('_absolute_path.txt');
    expect(safeFileName('C:\\boot.ini')).toBe('C__boot.ini');
    for (const name of ['.', '..', '...', ' . ', './', '../']) expectUsable(safeFileName(name));
  });

  it('strips control characters, and turns tabs and line breaks into spaces', () => {
    expect(safeFileName('in\u0000voice\u0007.pdf')).toBe('invoice.pdf');
    expect(safeFileName('line\r\nbreak\ttab.txt')).toBe('line break tab.txt');
    expect(safeFileName('c1\u0085\u009b.txt')).toBe('c1.txt');
    expect(safeFileName('del\u007f.txt')).toBe('del.txt');
  });

  it('strips bidi overrides, isolates and direction marks that disguise an extension', () => {
    expect(safeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(safeFileName('photo\u2067gpj.scr\u2069')).toBe('photogpj.scr');
    expect(safeFileName('\u200Ereport\u200F\u061C.pdf')).toBe('report.pdf');
    expect(safeFileName('a\u202Ab\u202Bc\u202Cd\u202De\u2066f\u2068g.txt')).toBe('abcdefg.txt');
  });

  it('removes leading dots and trailing dots and spaces', () => {
    expect(safeFileName('.htaccess')).toBe('htaccess');
    expect(safeFileName('...hidden.txt')).toBe('hidden.txt');
    expect(safeFileName('report.pdf. . ')).toBe('report.pdf');
    expect(safeFileName('  padded.txt  ')).toBe('padded.txt');
  });

  it('defuses Windows reserved device names with any extension and any case', () => {
    expect(safeFileName('CON')).toBe('CON_');
    expect(safeFileName('con.txt')).toBe('con_.txt');
    expect(safeFileName('Aux.tar.gz')).toBe('Aux_.tar.gz');
    expect(safeFileName('nul')).toBe('nul_');
    expect(safeFileName('PRN.pdf')).toBe('PRN_.pdf');
    expect(safeFileName('com1.doc')).toBe('com1_.doc');
    expect(safeFileName('LPT9')).toBe('LPT9_');
    expect(safeFileName('COM¹.txt')).toBe('COM¹_.txt');
    expect(safeFileName('CON .txt')).toBe('CON_ .txt');
    // Only the whole base name is reserved.
    expect(safeFileName('CONTRACT.pdf')).toBe('CONTRACT.pdf');
    expect(safeFileName('com10.txt')).toBe('com10.txt');
    expect(safeFileName('my con.txt')).toBe('my con.txt');
  });

  it('normalises to NFC so that equal-looking names are equal', () => {
    const decomposed = 'Ü'.normalize('NFD') + 'bersicht.pdf';
    expect(safeFileName(decomposed)).toBe('Übersicht.pdf');
  });

  it('replaces lone surrogates, which UTF-8 cannot carry', () => {
    expect(safeFileName('bad\ud800name.txt')).toBe('bad\ufffdname.txt');
  });

  it('shortens names to 255 UTF-8 bytes, keeping the extension', () => {
    const result = safeFileName(`${'a'.repeat(300)}.pdf`);
    expect(new TextEncoder().encode(result).length).toBe(255);
    expect(result.endsWith('.pdf')).toBe(true);
  });

  it('never splits a multi-byte character or an emoji when shortening', () => {
    for (const unit of ['ä', '日', '😀', '👩‍👩‍👧', 'é'.normalize('NFD')]) {
      const result = safeFileName(`${unit.repeat(200)}.txt`);
      expectUsable(result);
      expect(result.endsWith('.txt')).toBe(true);
      const base = result.slice(0, -4);
      // Only whole repetitions of the unit are left.
      expect(base.split(unit.normalize('NFC')).every((piece) => piece === '')).toBe(true);
    }
  });

  it('shortens a name without extension and a name whose "extension" is really text', () => {
    expect(new TextEncoder().encode(safeFileName('x'.repeat(400))).length).toBe(255);
    const sentence = `Re. ${'word '.repeat(80)}`;
    const result = safeFileName(sentence);
    expectUsable(result);
  });

  it('derives a name from the MIME type when nothing is left', () => {
    expect(safeFileName('', { mimeType: 'application/pdf' })).toBe('attachment.pdf');
    expect(safeFileName('', { mimeType: 'image/png' })).toBe('image.png');
    expect(safeFileName('   ', { mimeType: 'image/jpeg' })).toBe('image.jpg');
    expect(safeFileName('...', { mimeType: 'text/calendar; method=REQUEST' })).toBe('invite.ics');
    expect(safeFileName('\u202E', { mimeType: 'message/rfc822' })).toBe('message.eml');
    expect(safeFileName('', { mimeType: 'application/x-unknown' })).toBe('attachment');
    expect(safeFileName('')).toBe('attachment');
    expect(safeFileName('', { mimeType: 'application/pdf', fallbackBase: 'Anhang' })).toBe('Anhang.pdf');
    expect(safeFileName('', { mimeType: 'image/png', fallbackBase: '. . .' })).toBe('image.png');
  });

  it('gives a usable name for every hostile input', () => {
    const hostile = [
      '',
      ' ',
      '.',
      '..',
      '../',
      '/',
      '\\',
      'CON',
      'nul.',
      'a\u0000',
      '\u202E',
      '\u2066\u2069',
      '....pdf',
      '.. .. ..',
      ':',
      '*'.repeat(300),
      `${'é'.repeat(200)}.${'x'.repeat(16)}`,
      `${'😀'.repeat(100)}.pdf`,
      'a'.repeat(1000),
    ];
    for (const name of hostile) expectUsable(safeFileName(name, { mimeType: 'application/pdf' }));
  });
});

describe('FileNameAllocator', () => {
  it('numbers duplicates before the extension', () => {
    expect(uniqueFileNames(['a.pdf', 'a.pdf', 'a.pdf', 'b'])).toEqual(['a.pdf', 'a (2).pdf', 'a (3).pdf', 'b']);
  });

  it('treats names that differ only in case as duplicates', () => {
    expect(uniqueFileNames(['Report.PDF', 'report.pdf', 'REPORT.pdf'])).toEqual([
      'Report.PDF',
      'report (2).pdf',
      'REPORT (3).pdf',
    ]);
  });

  it('compares names after making them safe (two hostile names can collapse into one)', () => {
    expect(uniqueFileNames(['a:b.txt', 'a?b.txt', 'a_b.txt'])).toEqual(['a_b.txt', 'a_b (2).txt', 'a_b (3).txt']);
    expect(uniqueFileNames(['', '', ''], { mimeType: 'image/png' })).toEqual([
      'image.png',
      'image (2).png',
      'image (3).png',
    ]);
  });

  it('does not hand out a name that was given literally before', () => {
    expect(uniqueFileNames(['a.pdf', 'a (2).pdf', 'a.pdf'])).toEqual(['a.pdf', 'a (2).pdf', 'a (3).pdf']);
  });

  it('keeps numbered names within 255 bytes', () => {
    const long = `${'ä'.repeat(200)}.pdf`;
    const names = uniqueFileNames([long, long, long]);
    expect(new Set(names).size).toBe(3);
    for (const name of names) {
      expectUsable(name);
      expect(name.endsWith('.pdf')).toBe(true);
    }
    expect(names[1]).toMatch(/ \(2\)\.pdf$/);
  });

  it('knows which names are taken', () => {
    const allocator = new FileNameAllocator();
    allocator.allocate('Notes.txt');
    expect(allocator.has('notes.TXT')).toBe(true);
    expect(allocator.has('other.txt')).toBe(false);
  });
});

describe('uniqueFileNames, numbering', () => {
  it('skips a number a file already took and ignores case, as before', () => {
    expect(uniqueFileNames(['a (2).pdf', 'a.pdf', 'a.pdf', 'a.pdf'])).toEqual([
      'a (2).pdf',
      'a.pdf',
      'a (3).pdf',
      'a (4).pdf',
    ]);
    expect(uniqueFileNames(['a.pdf', 'A.pdf', 'a (3).pdf', 'a.PDF'])).toEqual([
      'a.pdf',
      'A (2).pdf',
      'a (3).pdf',
      'a (4).PDF',
    ]);
  });

  afterEach(() => vi.restoreAllMocks());

  // Issue 13.3: each name was measured by encoding it, four times a file, and in Chromium each encoding is a call
  // into the browser: 4,000 files of one name took a tenth of their zip's time to name.
  it('measures names without encoding them', () => {
    const encode = vi.spyOn(TextEncoder.prototype, 'encode');
    const names = uniqueFileNames(Array.from({ length: 4000 }, () => 'a.pdf'));
    expect(names[3999]).toBe('a (4000).pdf');
    expect(encode).not.toHaveBeenCalled();
  });

  // A hostile message: 5,000 attachments of one name. Counting up from 2 for each took minutes.
  it('numbers thousands of files of one name in about linear time', () => {
    const count = 5000;
    const started = performance.now();
    const names = uniqueFileNames(Array.from({ length: count }, () => 'a.pdf'));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(names[0]).toBe('a.pdf');
    expect(names[1]).toBe('a (2).pdf');
    expect(names[count - 1]).toBe(`a (${count}).pdf`);
    expect(new Set(names).size).toBe(count);
  });
});

describe('safeFileName, the last gaps', () => {
  it.each([
    ['CONIN$', 'CONIN$_'],
    ['conout$.txt', 'conout$_.txt'],
    ['Clock$ .log', 'Clock$_ .log'],
    ['CONIN.txt', 'CONIN.txt'], // only the device names themselves
  ])('Windows device name %s → %s', (name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });

  it.each([
    ['Hangul filler', 'invoice\u3164.pdf', 'invoice.pdf'],
    ['blank braille cell', 'scan\u2800\u2800.pdf', 'scan.pdf'],
    ['zero width space', 'pay\u200bpal.pdf', 'paypal.pdf'],
    ['soft hyphen', 're\u00adport.pdf', 'report.pdf'],
    ['word joiner and Mongolian vowel separator', 'a\u2060b\u180ec.txt', 'abc.txt'],
    ['half-width Hangul filler', '\uffa0notes.txt', 'notes.txt'],
    ['a joiner outside an emoji', 'x\u200dy.txt', 'xy.txt'],
  ])('drops an invisible filler: %s', (_, name, expected) => {
    expect(safeFileName(name, { mimeType: 'application/pdf' })).toBe(expected);
  });

  it('keeps the joiners and variation selectors an emoji needs', () => {
    expect(safeFileName('\u{1F469}\u200d\u{1F4BB} notes.txt')).toBe('\u{1F469}\u200d\u{1F4BB} notes.txt');
    expect(safeFileName('\u2764\ufe0f\u200d\u{1F525}.png')).toBe('\u2764\ufe0f\u200d\u{1F525}.png');
  });
});
