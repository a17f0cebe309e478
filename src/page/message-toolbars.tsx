import { render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { infomaniakHeaderOptions } from '../ksuite/header-defaults';
import type { Attachment } from '../ksuite/types';
import { WEBMAIL_SELECTORS } from '../ksuite/selectors';
import { messageRefFromUrl } from '../ksuite/webmail-urls';
import { findOpenedMessages, isDarkTheme, type MessageRef, type OpenedMessage } from '../ksuite/webmail-dom';
import { analyseHeaders } from '../mail/headers/analyse';
import type { DkimBodyCheck } from '../mail/headers/dkim-body-hash';
import type { HeaderReport } from '../mail/headers/types';
import { withRiskyFiles } from '../mail/headers/verdict';
import { findRiskyFiles, type RiskyFile } from '../mail/risky-files';
import { perFrame } from './per-frame';
import { createShadowHost, type ShadowHost } from './shadow-host';
import { checkDkimBodiesAfterRender, HeaderReportView, headerReportCss } from '../ui/header-report';
import { BrandMark } from '../ui/brand-mark';
import { t } from '../i18n';
import { MessageToolbar, type AttachmentSummary, type ToolbarAction, type ToolbarStatus } from '../ui/message-toolbar';
import toolbarCss from '../ui/message-toolbar.css?inline';
import { saveAttachmentsZip, type ZipPreferences } from '../features/attachments-zip';
import type { BulkLayout } from '../features/shared/bulk-zip';
import { downloadProgress, saveMessageAsEml, type ActionProgress } from '../features/eml-export';
import type { MessageSource } from '../ksuite/message-source';
import { describeError, isCancellation } from '../features/shared/user-facing-error';

export interface PageServices {
  source: MessageSource;
  zipPreferences(): Promise<ZipPreferences & { layout: BulkLayout }>;
}

/** Runs an action on an opened message through its toolbar, so progress and errors show where the user looks. */
export type ToolbarRunner = (action: ToolbarAction) => void;

/**
 * Puts a toolbar on every opened message. Handled messages are remembered (a Map keyed by the message element),
 * so a DOM change costs one querySelectorAll and nothing else; toolbars of messages the webmail has removed
 * (navigation) are dropped, and everything goes when the extension context is invalidated.
 */
export function startMessageToolbars(doc: Document, services: PageServices, signal: AbortSignal) {
  const mounted = new Map<HTMLElement, { shadow: ShadowHost; uid: string }>();
  const runners = new Map<string, ToolbarRunner>();

  const mount = (message: OpenedMessage, underThreadToolbar: boolean): ShadowHost => {
    const shadow = createShadowHost('toolbar', toolbarCss + headerReportCss);
    shadow.host.dataset.messageUid = message.uid;
    placeToolbar(doc, shadow.host, message, underThreadToolbar);
    const register = (runner: ToolbarRunner | null) =>
      runner ? runners.set(message.uid, runner) : runners.delete(message.uid);
    render(<ToolbarForMessage message={message} services={services} register={register} />, shadow.root);
    return shadow;
  };

  const scan = () => {
    if (signal.aborted) return;
    const theme = isDarkTheme(doc) ? 'dark' : 'light';
    for (const [element, entry] of mounted) {
      // The webmail may redraw the thread toolbar a toolbar sits under: it is put back on this scan.
      if (!element.isConnected || !entry.shadow.host.isConnected) {
        unmount(entry.shadow);
        mounted.delete(element);
      }
    }
    const opened = findOpenedMessages(doc);
    const newestWithoutFooter = opened.findLast((message) => !message.footer);
    for (const message of opened) {
      const known = mounted.get(message.element);
      // A footer drawn after the toolbar was placed: the toolbar moves just above it.
      if (known && message.footer && known.shadow.host.nextElementSibling !== message.footer) {
        delete known.shadow.host.dataset.placement;
        message.footer.before(known.shadow.host);
      }
      const entry = known ?? { shadow: mount(message, message === newestWithoutFooter), uid: message.uid };
      mounted.set(message.element, entry);
      entry.shadow.host.dataset.theme = theme;
    }
    // The URL says a message is open but the page has no element we recognise (the webmail's markup changed):
    // a floating button keeps the actions reachable.
    const orphan = opened.length === 0 ? messageRefFromUrl(doc.location.href) : null;
    if (orphan?.uid !== launcherUid) showLauncher(orphan);
  };

  let launcher: ShadowHost | null = null;
  let launcherUid: string | undefined;
  const showLauncher = (message: MessageRef | null) => {
    if (launcher) unmount(launcher);
    launcher = null;
    launcherUid = message?.uid;
    if (!message) return;
    launcher = createShadowHost('launcher', toolbarCss + LAUNCHER_CSS);
    launcher.host.dataset.messageUid = message.uid;
    launcher.host.dataset.theme = isDarkTheme(doc) ? 'dark' : 'light';
    doc.documentElement.append(launcher.host);
    render(
      <button type="button" class="launcher" title={t('extName')} onClick={() => runDetached(message)}>
        <BrandMark size={28} />
      </button>,
      launcher.root,
    );
  };

  /**
   * A message that is not opened (a list row under a right-click): its toolbar floats at the bottom of the page
   * for as long as the user keeps it, showing the same progress, errors and header report.
   */
  let floating: ShadowHost | null = null;
  const closeFloating = () => {
    if (floating) unmount(floating);
    floating = null;
  };
  const runDetached = (message: MessageRef, action?: ToolbarAction) => {
    closeFloating();
    const shadow = createShadowHost('floating-toolbar', toolbarCss + headerReportCss + FLOATING_CSS);
    shadow.host.dataset.messageUid = message.uid;
    shadow.host.dataset.theme = isDarkTheme(doc) ? 'dark' : 'light';
    doc.documentElement.append(shadow.host);
    floating = shadow;
    let ran = false;
    const register = (runner: ToolbarRunner | null) => {
      if (runner) runners.set(message.uid, runner);
      if (runner && action && !ran) {
        ran = true;
        queueMicrotask(() => runner(action));
      }
    };
    render(
      <div class="floating">
        <button type="button" class="close" aria-label={t('action_dismiss')} onClick={closeFloating}>
          ×
        </button>
        <ToolbarForMessage message={message} services={services} register={register} />
      </div>,
      shadow.root,
    );
  };

  signal.addEventListener(
    'abort',
    () => {
      for (const { shadow } of mounted.values()) unmount(shadow);
      mounted.clear();
      closeFloating();
      showLauncher(null);
    },
    { once: true },
  );
  return { scan, runnerFor: (uid: string) => runners.get(uid), runDetached };
}

/**
 * Just above the message's footer (its reply buttons). Without a footer, the newest such message's toolbar goes
 * under the thread's toolbar, at the top of the reading pane, where the webmail's own thread actions are; any
 * other, or with no thread toolbar either, at the end of its message.
 */
function placeToolbar(doc: Document, host: HTMLElement, message: OpenedMessage, underThreadToolbar: boolean): void {
  if (message.footer) {
    message.footer.before(host);
    return;
  }
  const threadToolbarRow = underThreadToolbar
    ? doc.querySelector(WEBMAIL_SELECTORS.threadToolbar)?.parentElement
    : null;
  if (threadToolbarRow && !threadToolbarRow.contains(message.element)) {
    host.dataset.placement = 'thread-toolbar';
    threadToolbarRow.after(host);
  } else {
    message.element.append(host);
  }
}

const LAUNCHER_CSS = `
:host { position: fixed; right: 16px; bottom: 16px; z-index: 2147482999; margin: 0; }
.launcher { display: flex; padding: 8px; border: 1px solid var(--kc-border); border-radius: 50%; background: var(--kc-surface);
  box-shadow: 0 4px 16px rgba(0, 0, 0, 0.2); cursor: pointer; }
.launcher:focus-visible { outline: 2px solid var(--kc-accent); outline-offset: 2px; }
`;

const FLOATING_CSS = `
:host { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; width: min(720px, calc(100vw - 32px)); margin: 0; }
.floating { position: relative; max-height: calc(100vh - 32px); overflow: auto; border-radius: 8px;
  box-shadow: 0 8px 28px rgba(0, 0, 0, 0.25); background: var(--kc-surface); }
.floating .toolbar { padding-right: 36px; }
.close { position: absolute; top: 6px; right: 6px; z-index: 1; border: 0; background: none; color: var(--kc-muted);
  font: 18px/1 system-ui, sans-serif; cursor: pointer; padding: 4px 8px; }
`;

function unmount(shadow: ShadowHost): void {
  render(null, shadow.root);
  shadow.remove();
}

function ToolbarForMessage(props: {
  message: MessageRef;
  services: PageServices;
  register(runner: ToolbarRunner | null): void;
}) {
  const { message, services } = props;
  const [attachments, setAttachments] = useState<AttachmentSummary | null>(null);
  const [riskyFiles, setRiskyFiles] = useState<readonly RiskyFile[]>([]);
  const [status, setStatus] = useState<ToolbarStatus>({ kind: 'idle' });
  const [report, setReport] = useState<{ report: HeaderReport; dkimBodyCheck: Promise<DkimBodyCheck[]> } | null>(null);
  const [headersOpen, setHeadersOpen] = useState(false);
  const task = useRef<AbortController | null>(null);

  useEffect(() => {
    const lookup = new AbortController();
    services.source
      .details(message, lookup.signal)
      .then((details) => {
        setAttachments(summarise(details.attachments));
        // Inline parts too: a part's disposition is the sender's choice, and an "inline" program is still one.
        setRiskyFiles(
          findRiskyFiles(details.attachments.map((file) => ({ name: file.name, mimeType: file.mime_type }))),
        );
      })
      // The summary stays "…"; the actions themselves report what is wrong when the user clicks.
      .catch(() => {});
    return () => {
      lookup.abort();
      task.current?.abort();
    };
  }, [message.uid]);

  const run = useCallback(
    async (action: ToolbarAction) => {
      if (action === 'headers' && (report || headersOpen)) {
        setHeadersOpen(!headersOpen);
        return;
      }
      if (task.current) return; // one action at a time per message
      const controller = new AbortController();
      task.current = controller;
      setStatus({ kind: 'working', action, progress: null });
      const shownProgress = perFrame((progress: ActionProgress) => setStatus({ kind: 'working', action, progress }));
      const options = { signal: controller.signal, onProgress: shownProgress.push };
      try {
        if (action === 'eml') {
          const { fileNamesWithDate } = await services.zipPreferences();
          const { fileName } = await saveMessageAsEml(services.source, message, { ...options, fileNamesWithDate });
          setStatus({ kind: 'done', text: t('done_saved', fileName) });
        } else if (action === 'zip') {
          const preferences = await services.zipPreferences();
          const { fileName } = await saveAttachmentsZip(services.source, message, preferences, options);
          setStatus({ kind: 'done', text: t('done_saved', fileName) });
        } else {
          const raw = await services.source.raw(message, {
            signal: controller.signal,
            onProgress: downloadProgress(options.onProgress),
          });
          // The downloaded message is whole (message-source checks it), so the report can check its body too.
          setReport({
            report: analyseHeaders(raw, infomaniakHeaderOptions),
            dkimBodyCheck: checkDkimBodiesAfterRender(raw),
          });
          setHeadersOpen(true);
          setStatus({ kind: 'idle' });
        }
      } catch (error) {
        setStatus(isCancellation(error) ? { kind: 'idle' } : { kind: 'error', error: describeError(error) });
      } finally {
        shownProgress.cancel();
        task.current = null;
      }
    },
    [message.uid, report, headersOpen],
  );

  // The files come from the message's details, the headers from its raw source: whichever arrives last, the report
  // shows both.
  const shownReport = useMemo(
    () => report && { ...report, report: withRiskyFiles(report.report, riskyFiles) },
    [report, riskyFiles],
  );

  useEffect(() => {
    props.register((action) => void run(action));
    return () => props.register(null);
  }, [run]);

  return (
    <>
      <MessageToolbar
        attachments={attachments}
        riskyFiles={riskyFiles}
        headersOpen={headersOpen}
        status={status}
        onAction={(action) => void run(action)}
        onCancel={() => task.current?.abort()}
        onDismiss={() => setStatus({ kind: 'idle' })}
      />
      {headersOpen && shownReport && (
        <div class="headers-panel">
          <HeaderReportView report={shownReport.report} dkimBodyCheck={shownReport.dkimBodyCheck} />
        </div>
      )}
    </>
  );
}

function summarise(attachments: readonly Attachment[]): AttachmentSummary {
  // The webmail lists inline images (signatures, logos) with the attachments; the zip leaves them out by default.
  const files = attachments.filter((a) => a.disposition !== 'inline');
  return { count: files.length, bytes: files.reduce((sum, a) => sum + a.size, 0) };
}
