import { csvLine } from './csv';
import type { ManifestEntry } from './manifest';

/**
 * `index.csv`: every message in the backup, one row each, in the order of the folders and then by date. UTF-8 with
 * a byte order mark, so spreadsheet programs read accented names right.
 */
export function indexCsv(entries: Iterable<ManifestEntry>): string {
  const rows = [...entries]
    .filter((entry) => entry.format !== 'staged')
    .sort(
      (a, b) =>
        compare(a.mailbox, b.mailbox) ||
        compare(a.folderPath, b.folderPath) ||
        compare(a.format, b.format) ||
        compare(a.date, b.date) ||
        compare(a.path, b.path),
    );
  let text = '\ufeff' + csvLine(['date', 'from', 'to', 'subject', 'size', 'sha256', 'path']);
  for (const entry of rows) {
    text += csvLine([entry.date, entry.from, entry.to, entry.subject, entry.size, entry.sha256, entry.path]);
  }
  return text;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
