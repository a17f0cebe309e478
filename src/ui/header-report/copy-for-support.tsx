import { useEffect, useRef, useState } from 'preact/hooks';
import type { HeaderReport } from '../../mail';
import { t } from '../../i18n';
import { fromUser } from '../from-user';
import { ToneIcon } from './icons';
import { translateReportText } from './report-text';
import { supportText } from './support-text';

type CopyState = 'idle' | 'copied' | 'failed';

/** How long "Copied" stays before the button reads as before. */
const COPIED_MS = 2500;

/**
 * "Copy for support": the report as text (verdict, findings, checks, delivery path) followed by the raw headers,
 * which is what a support person asks for and what they read first. When the browser refuses the clipboard, the
 * same text is shown selected, ready for Ctrl+C.
 */
export function CopyForSupport({ report }: { report: HeaderReport }) {
  const [copy, setCopy] = useState<CopyState>('idle');
  const resetTimer = useRef<ReturnType<typeof setTimeout>>();
  const fallback = useRef<HTMLTextAreaElement>(null);
  useEffect(() => () => clearTimeout(resetTimer.current), []);
  useEffect(() => {
    if (copy !== 'failed' || !fallback.current) return;
    fallback.current.focus();
    fallback.current.select();
  }, [copy]);

  const text = () => supportText(report, { label: t, sentence: translateReportText });

  const copyText = async () => {
    clearTimeout(resetTimer.current);
    try {
      await navigator.clipboard.writeText(text());
      setCopy('copied');
      resetTimer.current = setTimeout(() => setCopy('idle'), COPIED_MS);
    } catch {
      // Refused (no focus, a page policy, or the API missing): the text is shown, selected, to copy by hand.
      setCopy('failed');
    }
  };

  return (
    <>
      <button type="button" class="hr-button hr-button-primary" data-testid="copy-headers" onClick={fromUser(copyText)}>
        {copy === 'copied' ? (
          <>
            <ToneIcon tone="good" />
            {t('report_copied')}
          </>
        ) : (
          t('report_copy')
        )}
      </button>
      <p class="hr-status" role="status" data-testid="copy-status">
        {copy === 'copied' && <span class="hr-sr">{t('report_copied')}</span>}
        {copy === 'failed' && <span class="hr-copy-failed">{t('report_copy_failed')}</span>}
      </p>
      {copy === 'failed' && (
        <textarea
          ref={fallback}
          class="hr-copy-fallback"
          data-testid="copy-fallback"
          readOnly
          aria-label={t('report_copy')}
          value={text()}
        />
      )}
    </>
  );
}
