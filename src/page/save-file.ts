import { KSUITE_ORIGIN, MAIL_ORIGIN } from '../ksuite/hosts';

/**
 * Hands bytes to the browser's download manager under a given file name, from a content script or an extension
 * page, without the `downloads` permission: a temporary object URL and a click on an `<a download>`.
 *
 * Inside the kSuite shell, the mail app is a frame of another host, and Firefox checks a download started in a frame
 * against the shell's CSP `frame-src`, which refuses it without a word. So a frame there asks the content script of
 * the shell (the top frame) to save the file; only if no answer comes is it saved from the frame itself.
 */
export async function saveFile(
  data: Blob | Uint8Array | string,
  fileName: string,
  mimeType = 'application/octet-stream',
): Promise<void> {
  // A Blob (a finished zip) is saved as it is: wrapping it again would copy every byte once more.
  const blob = data instanceof Blob ? data : new Blob([data as BlobPart], { type: mimeType });
  if (isFrameOfShell() && (await saveFromShell(blob, fileName))) return;
  clickDownload(blob, fileName);
}

function clickDownload(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  (document.body ?? document.documentElement).append(link);
  link.click();
  link.remove();
  // The download has started reading the blob by the time this fires; revoking at once can cancel it in Firefox.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const PROTOCOL = 'ksuite-companion-save';
// The shell's content script answers at once; no answer means it is not there (or was unloaded by an update).
const ANSWER_TIMEOUT_MS = 1000;

interface SaveRequest {
  protocol: typeof PROTOCOL;
  kind: 'save';
  id: string;
  fileName: string;
  blob: Blob;
}

interface SaveAnswer {
  protocol: typeof PROTOCOL;
  kind: 'saved';
  id: string;
}

function isFrameOfShell(): boolean {
  if (window.top === window || location.origin !== MAIL_ORIGIN) return false;
  // Where the browser tells who embeds the frame (not Firefox), a page other than the shell is not even asked.
  const ancestors = location.ancestorOrigins;
  return !ancestors || ancestors.length === 0 || ancestors[ancestors.length - 1] === KSUITE_ORIGIN;
}

/** True once the shell's content script has saved the file. */
function saveFromShell(blob: Blob, fileName: string): Promise<boolean> {
  const id = crypto.randomUUID();
  return new Promise((resolve) => {
    const done = (saved: boolean) => {
      clearTimeout(timer);
      removeEventListener('message', onAnswer);
      resolve(saved);
    };
    const onAnswer = (event: MessageEvent) => {
      const answer = event.data as Partial<SaveAnswer> | null;
      if (event.origin !== KSUITE_ORIGIN || event.source !== window.top) return;
      if (answer?.protocol === PROTOCOL && answer.kind === 'saved' && answer.id === id) done(true);
    };
    const timer = setTimeout(() => done(false), ANSWER_TIMEOUT_MS);
    addEventListener('message', onAnswer);
    const request: SaveRequest = { protocol: PROTOCOL, kind: 'save', id, fileName, blob };
    // Addressed to the shell's origin: should anything else embed the mail app, it is not delivered.
    window.top!.postMessage(request, KSUITE_ORIGIN);
  });
}

/**
 * For the content script in the shell (the top frame): saves what its mail frames ask it to. Only messages from the
 * mail host, from a frame of this very page, in the shape above, are taken.
 */
export function startSavingForMailFrames(signal: AbortSignal): void {
  if (window.top !== window || location.origin !== KSUITE_ORIGIN) return;
  const onRequest = (event: MessageEvent) => {
    if (event.origin !== MAIL_ORIGIN || !isChildFrame(event.source)) return;
    const request = event.data as Partial<SaveRequest> | null;
    if (request?.protocol !== PROTOCOL || request.kind !== 'save') return;
    if (typeof request.id !== 'string' || typeof request.fileName !== 'string' || !(request.blob instanceof Blob)) {
      return;
    }
    clickDownload(request.blob, request.fileName);
    const answer: SaveAnswer = { protocol: PROTOCOL, kind: 'saved', id: request.id };
    (event.source as Window).postMessage(answer, MAIL_ORIGIN);
  };
  addEventListener('message', onRequest, { signal });
}

function isChildFrame(source: MessageEventSource | null): boolean {
  for (let i = 0; i < window.frames.length; i++) if (window.frames[i] === source) return true;
  return false;
}
