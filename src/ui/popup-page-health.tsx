import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PAGE_HEALTH_PORT } from '../page/page-messages';
import { summarisePageHealth, type FrameHealth, type PageHealth } from '../ksuite/page-health';
import { t } from '../i18n';
import { diagnosticsText } from './page-diagnostics';

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

/** The frames' answers, once the tab's page and each mail frame it shows have answered, or after a short wait. */
function usePageHealth(tabId: number): PageHealth | null {
  const [health, setHealth] = useState<PageHealth | null>(null);
  useEffect(() => {
    const frames: FrameHealth[] = [];
    let done = false;
    let port: ReturnType<typeof browser.tabs.connect> | null = null;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      port?.disconnect();
      setHealth(summarisePageHealth(frames));
    };
    const timer = setTimeout(finish, ANSWER_WAIT_MS);
    try {
      port = browser.tabs.connect(tabId, { name: PAGE_HEALTH_PORT });
    } catch {
      finish();
      return;
    }
    port.onMessage.addListener((answer: unknown) => {
      if (!isFrameHealth(answer)) return;
      frames.push(answer);
      const top = frames.find((frame) => frame.top);
      if (top && frames.length >= 1 + top.matches.mailAppFrame) finish();
    });
    // No content script in the tab (a tab opened before the extension was installed): the port closes at once.
    port.onDisconnect.addListener(finish);
    return () => {
      done = true;
      clearTimeout(timer);
      port?.disconnect();
    };
  }, [tabId]);
  return health;
}

function isFrameHealth(value: unknown): value is FrameHealth {
  const answer = value as Partial<FrameHealth> | null;
  return typeof answer?.urlShape === 'string' && typeof answer.matches === 'object' && answer.matches !== null;
}

/** Long enough for the frames of a busy tab to answer; they answer at once, from the DOM as it is. */
const ANSWER_WAIT_MS = 600;
const COPIED_SHOWN_MS = 2000;
