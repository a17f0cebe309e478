import { formatBytes, t } from '../i18n';
import type { BackupReport } from './contract';
import { missingCount } from './report';

/**
 * `backup-report.html`: the proof, readable without the extension. One file, no script, no outside resource; every
 * text that came from the server or a sender (folder names, subjects) is escaped.
 */
export function reportHtml(report: BackupReport): string {
  const total = report.folders.reduce(
    (sum, f) => ({
      onServer: sum.onServer + f.onServer,
      inBackup: sum.inBackup + f.inBackup,
      failed: sum.failed + f.failed,
      gone: sum.gone + f.gone,
    }),
    { onServer: 0, inBackup: 0, failed: 0, gone: 0 },
  );
  const verdict = report.complete
    ? `<p class="verdict complete">${esc(t('backupReport_complete'))}</p>`
    : `<p class="verdict incomplete">${esc(t('backupReport_incomplete', String(Math.max(missingCount(report), report.failed.length))))}</p>`;
  const folderRows = report.folders
    .map(
      (f) =>
        `<tr><td>${esc(f.mailbox)}</td><td>${esc(f.folderPath)}</td><td>${f.onServer}</td><td>${f.inBackup}</td>` +
        `<td${f.failed ? ' class="bad"' : ''}>${f.failed}</td><td>${f.gone}</td></tr>`,
    )
    .join('\n');
  const failedRows = report.failed
    .map(
      (f) =>
        `<tr><td>${esc(f.mailbox)}</td><td>${esc(f.folderPath)}</td><td>${esc(f.date)}</td>` +
        `<td>${esc(f.subject)}</td><td>${esc(f.reason)}</td></tr>`,
    )
    .join('\n');
  const goneRows = report.gone
    .map(
      (g) =>
        `<tr><td>${esc(g.mailbox)}</td><td>${esc(g.folderPath)}</td><td>${esc(g.subject)}</td><td>${esc(g.path)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(t('backupReport_title'))}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}
td:nth-child(n+3){font-variant-numeric:tabular-nums}.verdict{font-weight:600;padding:.6em;border-radius:4px}
.complete{background:#e6f4ea}.incomplete{background:#fdecea}.bad{color:#b00020;font-weight:600}
</style></head><body>
<h1>${esc(t('backupReport_title'))}</h1>
${verdict}
<p>${esc(t('backupReport_period', [report.startedAt, report.finishedAt, String(report.fetched), formatBytes(report.bytesFetched)]))}</p>
<h2>${esc(t('backupReport_folders'))}</h2>
<table><thead><tr><th>${esc(t('backupReport_mailbox'))}</th><th>${esc(t('backupReport_folder'))}</th>
<th>${esc(t('backupReport_onServer'))}</th><th>${esc(t('backupReport_inBackup'))}</th>
<th>${esc(t('backupReport_failed'))}</th><th>${esc(t('backupReport_gone'))}</th></tr></thead>
<tbody>
${folderRows}
<tr><th colspan="2">${esc(t('backupReport_total'))}</th><th>${total.onServer}</th><th>${total.inBackup}</th><th>${total.failed}</th><th>${total.gone}</th></tr>
</tbody></table>
${
  report.failed.length
    ? `<h2>${esc(t('backupReport_missingHeading'))}</h2>
<table><thead><tr><th>${esc(t('backupReport_mailbox'))}</th><th>${esc(t('backupReport_folder'))}</th><th>${esc(t('backupReport_date'))}</th>
<th>${esc(t('backupReport_subject'))}</th><th>${esc(t('backupReport_reason'))}</th></tr></thead>
<tbody>
${failedRows}
</tbody></table>`
    : ''
}
${
  report.gone.length
    ? `<h2>${esc(t('backupReport_goneHeading'))}</h2>
<table><thead><tr><th>${esc(t('backupReport_mailbox'))}</th><th>${esc(t('backupReport_folder'))}</th><th>${esc(t('backupReport_subject'))}</th>
<th>${esc(t('backupReport_file'))}</th></tr></thead>
<tbody>
${goneRows}
</tbody></table>`
    : ''
}
</body></html>
`;
}

export function esc(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
