/**
 * CSV as RFC 4180 writes it (every cell quoted, quotes doubled, CRLF), with cells that a spreadsheet would run as a
 * formula (starting with = + - @, or a tab or CR before one) turned into text by a leading apostrophe: a subject
 * like `=HYPERLINK("http://evil")` is someone else's text and must stay text.
 */
export function csvLine(cells: readonly (string | number)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}
