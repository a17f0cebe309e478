import { useEffect, useRef, useState } from 'preact/hooks';
import { saveFile } from '../../page/save-file';
import { t } from '../../i18n';
import { ReportSection } from './report-section';
import { ToneIcon } from './icons';
import { headersFileName } from './report-file-name';

type CopyState = 'idle' | 'copied' | 'failed';

/** How long "Copied" stays before the button reads as before. */
const COPIED_MS = 2500;

export interface RawHeadersProps {
  /** The header block exactly as received. */
  header: string;
  subject: string | null;
  onSaveText?(text: string, fileName: string): void;
}

/**
 * The header block exactly as received, collapsed by default, with the two ways support asks for it: on the
 * clipboard, or as a .txt file.
 */
export function RawHeaders({ header, subject, onSaveText }: RawHeadersProps) {
  const [copy, setCopy] = useState<CopyState>('idle');
  const resetTimer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(resetTimer.current), []);

  const copyForSupport = async () => {
    clearTimeout(resetTimer.current);
    try {
      await navigator.clipboard.writeText(header);
      setCopy('copied');
      resetTimer.current = setTimeout(() => setCopy('idle'), COPIED_MS);
    } catch {
      // Refused (no focus, a page policy, or the API missing): say so and point to copying by hand.
      setCopy('failed');
    }
  };

  const saveText = () => {
    const fileName = headersFileName(subject, t('report_file_name_prefix'));
    if (onSaveText) onSaveText(header, fileName);
    else void saveFile(header, fileName, 'text/plain;charset=utf-8');
  };

  return (
    <ReportSection
      title={t('report_raw_title')}
      actions={
        <>
          <button type="button" class="hr-button hr-button-primary" data-testid="copy-headers" onClick={copyForSupport}>
            {copy === 'copied' ? (
              <>
                <ToneIcon tone="good" />
                {t('report_copied')}
              </>
            ) : (
              t('report_copy')
            )}
          </button>
          <button type="button" class="hr-button" data-testid="save-headers" onClick={saveText}>
            {t('report_save_txt')}
          </button>
        </>
      }
    >
      <p class="hr-status" role="status" data-testid="copy-status">
        {copy === 'copied' && <span class="hr-sr">{t('report_copied')}</span>}
        {copy === 'failed' && <span class="hr-copy-failed">{t('report_copy_failed')}</span>}
      </p>
      <details class="hr-raw" open={copy === 'failed' || undefined}>
        <summary>{t('report_raw_toggle')}</summary>
        <pre class="hr-raw-text" data-testid="raw-headers" tabIndex={0}>
          {header}
        </pre>
      </details>
    </ReportSection>
  );
}
