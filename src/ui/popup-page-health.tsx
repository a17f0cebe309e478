import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PageHealth } from '../ksuite/page-health';
import { t } from '../i18n';
import { diagnosticsText } from './page-diagnostics';
import { askPageHealth } from './page-health-query';

/**
 * One line saying whether the extension recognised the webmail tab, and "Copy diagnostics" for a bug report. The
 * frames of the tab (the kSuite shell and the mail app it frames) each answer; their answers are taken together.
 */
export function PopupPageHealth({ tabId }: { tabId: number }) {
  const health = usePageHealth(tabId);
  const [copy, setCopy] = useState<{ state: 'idle' | 'copied' } | { state: 'failed'; text: string }>({
    state: 'idle',
  });
  if (!health) return null;

  const copyDiagnostics = async () => {
    const text = diagnosticsText(health, {
      version: browser.runtime.getManifest().version,
      userAgent: navigator.userAgent,
    });
    try {
      await navigator.clipboard.writeText(text);
      setCopy({ state: 'copied' });
      setTimeout(() => setCopy({ state: 'idle' }), COPIED_SHOWN_MS);
    } catch {
      setCopy({ state: 'failed', text });
    }
  };

  const line = health.ready
    ? t('popupHealthReady')
    : health.view === 'no-answer'
      ? t('popupHealthNoAnswer')
      : t('popupHealthDifferent');
  return (
    <section
      class={`page-health ${health.ready ? 'ready' : 'different'}`}
      data-testid="page-health"
      data-ready={String(health.ready)}
      data-view={health.view}
    >
      <div class="page-health-row">
        <span class="page-health-dot" aria-hidden="true" />
        <p class="page-health-line" data-testid="page-health-line">
          {line}
        </p>
        <button type="button" class="text-button" data-testid="copy-diagnostics" onClick={() => void copyDiagnostics()}>
          {copy.state === 'copied' ? t('report_copied') : t('popupCopyDiagnostics')}
        </button>
      </div>
      <span class="visually-hidden" role="status">
        {copy.state === 'copied' ? t('report_copied') : ''}
      </span>
      {copy.state === 'failed' && (
        <>
          <p class="page-health-note">{t('popupDiagnosticsCopyByHand')}</p>
          <textarea
            class="page-health-text"
            readOnly
            wrap="off"
            value={copy.text}
            data-testid="diagnostics-text"
            ref={(area) => area?.select()}
          />
        </>
      )}
    </section>
  );
}

/** The tab's answer, null while the frames are asked. */
function usePageHealth(tabId: number): PageHealth | null {
  const [health, setHealth] = useState<PageHealth | null>(null);
  useEffect(() => {
    const asking = new AbortController();
    void askPageHealth(tabId, asking.signal).then((answer) => !asking.signal.aborted && setHealth(answer));
    return () => asking.abort();
  }, [tabId]);
  return health;
}

const COPIED_SHOWN_MS = 2000;
