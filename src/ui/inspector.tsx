import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { infomaniakHeaderOptions } from '../ksuite/header-defaults';
import { BrandMark } from './brand-mark';
import type { DkimBodyCheck } from '../mail/headers/dkim-body-hash';
import { MAX_DKIM_BODY_BYTES } from '../mail/headers/dkim-body-hash';
import { checkDkimBodiesAfterRender } from './header-report/dkim-body-check';
import { HeaderReportView } from './header-report/header-report-view';
import './header-report/header-report.css';
import {
  analyseInspectorInput,
  FILE_READ_LIMIT,
  riskyFilesInMessage,
  type InspectorOutcome,
} from './header-report/inspector-input';
import { withRiskyFiles } from '../mail/headers/verdict';
import { formatBytes, t } from '../i18n';
import { INSPECTOR_PENDING_TEXT_KEY, INSPECTOR_SELECTION_HASH } from '../page/inspector-handoff';

/** Typing or pasting is analysed once the input has been still this long, so a big paste is parsed once. */
const ANALYSE_DELAY_MS = 150;

/** Where the background leaves the text selected for "Inspect these headers" (storage.session). */

// Header names, the same in every language: a hint of what the box expects.
const PLACEHOLDER = 'Received: from …\nAuthentication-Results: …\nFrom: …\nSubject: …';

type Source =
  { kind: 'file'; name: string; size: number; dkimBodyCheck?: Promise<DkimBodyCheck[]> } | { kind: 'selection' } | null;

/**
 * The header inspector page: paste headers, drop or pick an .eml, or arrive from the right-click action with the
 * selected text. Everything is analysed here, in the page; nothing is sent anywhere.
 */
export function Inspector() {
  const [text, setText] = useState('');
  const [source, setSource] = useState<Source>(null);
  const [outcome, setOutcome] = useState<InspectorOutcome>({ kind: 'empty' });
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const dragging = useFileDrag((file) => void openFile(file));
  const fileInput = useRef<HTMLInputElement>(null);

  // A file's own analysis (of its bytes) stands until the text is edited; everything else follows the text.
  useEffect(() => {
    if (source?.kind === 'file') return;
    const timer = setTimeout(() => setOutcome(analyseInspectorInput(text, infomaniakHeaderOptions)), ANALYSE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, source]);

  useEffect(() => {
    if (location.hash !== INSPECTOR_SELECTION_HASH) return;
    void takePendingSelection().then((pending) => {
      if (pending === null) return;
      setSource({ kind: 'selection' });
      setText(pending);
    });
  }, []);

  async function openFile(file: File) {
    setFileProblem(null);
    // A file small enough for the DKIM body check is read whole; beyond that, the headers are all we need.
    const whole = file.size <= MAX_DKIM_BODY_BYTES;
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.slice(0, whole ? file.size : FILE_READ_LIMIT).arrayBuffer());
    } catch {
      setFileProblem(t('inspector_file_unreadable', file.name));
      return;
    }
    const result = analyseInspectorInput(bytes, infomaniakHeaderOptions);
    const dkimBodyCheck = whole && result.kind === 'report' ? checkDkimBodiesAfterRender(bytes) : undefined;
    setSource({ kind: 'file', name: file.name, size: file.size, dkimBodyCheck });
    setOutcome(result);
    setText(result.kind === 'report' ? result.report.raw.header : '');
    if (result.kind !== 'report') return;
    // A whole message has its files at hand: risky ones join the findings once listed, unless the input moved on.
    const files = await riskyFilesInMessage(bytes);
    if (files.length === 0) return;
    setOutcome((shown) =>
      shown === result ? { kind: 'report', report: withRiskyFiles(result.report, files) } : shown,
    );
  }

  const clear = () => {
    setSource(null);
    setFileProblem(null);
    setText('');
  };

  return (
    <main class="page inspector">
      <header class="inspector-header">
        <h1>
          <BrandMark size={28} />
          {t('inspectorTitle')}
        </h1>
        <p class="inspector-intro">{t('inspectorIntro')}</p>
      </header>

      <section class="inspector-input" aria-labelledby="headers-input-label">
        <div class="inspector-input-head">
          <label id="headers-input-label" for="headers-input" class="inspector-label">
            {t('inspectorInputLabel')}
          </label>
          {source && (
            <span class="inspector-source" data-testid="input-source">
              {source.kind === 'file'
                ? t('inspector_source_file', [source.name, formatBytes(source.size)])
                : t('inspector_source_selection')}
            </span>
          )}
        </div>
        <textarea
          id="headers-input"
          data-testid="headers-input"
          spellcheck={false}
          autocomplete="off"
          placeholder={PLACEHOLDER}
          value={text}
          onInput={(event) => {
            setSource(null);
            setFileProblem(null);
            setText(event.currentTarget.value);
          }}
        />
        <div class="inspector-input-actions">
          <button type="button" class="button primary" onClick={() => fileInput.current?.click()}>
            {t('inspector_open_file')}
          </button>
          <span class="inspector-drop-hint">{t('inspector_drop_hint')}</span>
          {(text !== '' || source !== null) && (
            <button type="button" class="button inspector-clear" onClick={clear}>
              {t('inspector_clear')}
            </button>
          )}
          <input
            ref={fileInput}
            type="file"
            accept=".eml,message/rfc822,.txt,text/plain"
            data-testid="eml-input"
            hidden
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = ''; // picking the same file again must fire again
              if (file) void openFile(file);
            }}
          />
        </div>
      </section>

      <div class="inspector-result" aria-live="polite">
        {fileProblem ? (
          <p class="inspector-problem" role="alert" data-testid="inspector-problem">
            {fileProblem}
          </p>
        ) : (
          <Outcome outcome={outcome} dkimBodyCheck={source?.kind === 'file' ? source.dkimBodyCheck : undefined} />
        )}
      </div>

      {dragging && (
        <div class="inspector-drop-overlay" aria-hidden="true">
          <p>{t('inspector_drop_overlay')}</p>
        </div>
      )}
    </main>
  );
}

/** Pasted headers have no body, so only a dropped or picked file brings a DKIM body check. */
function Outcome({ outcome, dkimBodyCheck }: { outcome: InspectorOutcome; dkimBodyCheck?: Promise<DkimBodyCheck[]> }) {
  if (outcome.kind === 'report') return <HeaderReportView report={outcome.report} dkimBodyCheck={dkimBodyCheck} />;
  if (outcome.kind === 'problem') {
    return (
      <p class="inspector-problem" role="alert" data-testid="inspector-problem">
        {t(outcome.problem)}
      </p>
    );
  }
  return (
    <div class="inspector-empty" data-testid="inspector-empty">
      <h2>{t('inspector_empty_title')}</h2>
      {/* Names our own button with its label in the reader's language, so the two never disagree. */}
      <p>{t('inspector_empty_text', t('action_headers'))}</p>
    </div>
  );
}

/**
 * Files dragged anywhere over the page: true while a drag with files is over it, and `onFile` with the first file
 * dropped. Without this the browser would open a dropped .eml as a page of its own.
 */
function useFileDrag(onFile: (file: File) => void): boolean {
  const [dragging, setDragging] = useState(false);
  const latestOnFile = useRef(onFile);
  latestOnFile.current = onFile;

  useEffect(() => {
    // dragenter/dragleave fire for every child element crossed; counting them tells when the drag left the page.
    let depth = 0;
    const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth++;
      setDragging(true);
    };
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file) latestOnFile.current(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return dragging;
}

/** Reads and forgets the text the background left for us, so a reload does not bring it back. */
async function takePendingSelection(): Promise<string | null> {
  try {
    const stored = await browser.storage.session.get(INSPECTOR_PENDING_TEXT_KEY);
    await browser.storage.session.remove(INSPECTOR_PENDING_TEXT_KEY);
    const value = stored[INSPECTOR_PENDING_TEXT_KEY];
    return typeof value === 'string' ? value : null;
  } catch {
    // No session storage (an old browser): the page simply opens empty.
    return null;
  }
}
