import { describe, expect, it } from 'vitest';
import { headersFileName } from './report-file-name';

describe('headersFileName', () => {
  it('names the file after the subject', () => {
    expect(headersFileName('Quarterly report', 'headers')).toBe('headers – Quarterly report.txt');
  });

  it('uses the prefix alone without a subject', () => {
    expect(headersFileName(null, 'headers')).toBe('headers.txt');
    expect(headersFileName('   ', 'Kopfzeilen')).toBe('Kopfzeilen.txt');
  });

  it('cannot be steered out of the download folder or into markup by the subject', () => {
    const name = headersFileName('<img src=x onerror=alert(1)> ../../etc/passwd', 'headers');
    expect(name).toMatch(/^headers – .+\.txt$/);
    expect(name).not.toMatch(/[<>/\\:*?"|]/);
  });

  it('removes bidi overrides that would disguise the extension', () => {
    const name = headersFileName('invoice\u202Etxt.exe', 'headers');
    expect(name).not.toContain('\u202E');
    expect(name.endsWith('.txt')).toBe(true);
  });

  it('keeps a long subject within file-system limits and still ends in .txt', () => {
    const name = headersFileName('Ü'.repeat(400), 'headers');
    expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(255);
    expect(name.endsWith('.txt')).toBe(true);
  });
});
