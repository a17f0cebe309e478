import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../i18n';
import { diagnosticsOfWebmailTab } from './page-health-query';
import { newIssueUrl } from './project-links';

/**
 * "Report a problem": a new issue in a tab, its text prefilled with the page-health diagnostics of the webmail tab
 * (what the popup's "Copy diagnostics" copies: nothing personal), for the user to complete and send.
 */
export function ReportProblem() {
  const [busy, setBusy] = useState(false);
  const report = async () => {
    setBusy(true);
    try {
      await browser.tabs.create({ url: newIssueUrl(await diagnosticsOfWebmailTab()) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      class="text-button"
      data-testid="report-problem"
      title={t('pages_reportProblemHint')}
      disabled={busy}
      onClick={() => void report()}
    >
      {t('pages_reportProblem')}
    </button>
  );
}
