import { browser } from 'wxt/browser';
import { KSUITE_ORIGIN, MAIL_ORIGIN } from '../ksuite/hosts';
import { clickDownload } from './click-download';
import { SAVE_TICKET_REQUEST, type ExpectSaveMessage, type SaveTicketRequest } from './save-ticket-messages';

/**
 * A file of the mail frame saved by the kSuite shell's content script (why: save-file.ts). The bytes can only cross
 * from the frame to the shell by `postMessage`, which every script of the mail frame can call too; none of them may
 * have the shell save a file of its choosing, under a name of its choosing, with no click. So the shell saves only
 * what the background told it to expect, and page scripts cannot talk to the background:
 *
 * 1. the frame's content script asks the background for a ticket for one file name (src/background/save-tickets.ts);
 * 2. the background makes the name safe once more (src/mail/safe-file-name.ts), tells the shell's content script to
 *    expect a new random ticket with that name, and once the shell has it, hands the ticket to the frame;
 * 3. the frame posts the ticket and the bytes to the shell, which saves them under the expected name and forgets
 *    the ticket.
 *
 * A script of the mail frame never sees a ticket before it is spent: the message that carries it is delivered to the
 * shell's window alone. The shell page's own scripts see it there; at most they could, helped by a script of the mail
 * host, have that one file saved with other bytes under its name, which they could save themselves anyway.
 */

const PROTOCOL = 'ksuite-companion-save';
// The background may have to wake up first; no answer in this time means it cannot help.
const TICKET_TIMEOUT_MS = 5000;
// The shell's content script answers at once; no answer means it is not there (or was unloaded by an update).
const ANSWER_TIMEOUT_MS = 1000;
// A ticket is spent within milliseconds of being made; one never used is dropped after this.
const TICKET_LIFETIME_MS = 10_000;

interface SaveRequest {
  protocol: typeof PROTOCOL;
  kind: 'save';
  ticket: string;
  blob: Blob;
}

interface SaveAnswer {
  protocol: typeof PROTOCOL;
  kind: 'saved';
  ticket: string;
}

export function isFrameOfShell(): boolean {
  if (window.top === window || location.origin !== MAIL_ORIGIN) return false;
  // Where the browser tells who embeds the frame (not Firefox), a page other than the shell is not even asked.
  const ancestors = location.ancestorOrigins;
  return !ancestors || ancestors.length === 0 || ancestors[ancestors.length - 1] === KSUITE_ORIGIN;
}

/** For a mail frame's content script: true once the shell's content script has saved the file. */
export async function saveThroughShell(blob: Blob, fileName: string): Promise<boolean> {
  const ticket = await ticketFor(fileName);
  return ticket !== null && (await postToShell(blob, ticket));
}

async function ticketFor(fileName: string): Promise<string | null> {
  const request: SaveTicketRequest = { type: SAVE_TICKET_REQUEST, fileName };
  const answer = await withTimeout(browser.runtime.sendMessage(request), TICKET_TIMEOUT_MS).catch(() => null);
  return typeof answer === 'string' ? answer : null;
}

function postToShell(blob: Blob, ticket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (saved: boolean) => {
      clearTimeout(timer);
      removeEventListener('message', onAnswer);
      resolve(saved);
    };
    const onAnswer = (event: MessageEvent) => {
      const answer = event.data as Partial<SaveAnswer> | null;
      if (event.origin !== KSUITE_ORIGIN || event.source !== window.top) return;
      if (answer?.protocol === PROTOCOL && answer.kind === 'saved' && answer.ticket === ticket) done(true);
    };
    const timer = setTimeout(() => done(false), ANSWER_TIMEOUT_MS);
    addEventListener('message', onAnswer);
    const request: SaveRequest = { protocol: PROTOCOL, kind: 'save', ticket, blob };
    // Addressed to the shell's origin: should anything else embed the mail app, it is not delivered.
    window.top!.postMessage(request, KSUITE_ORIGIN);
  });
}

/**
 * Whether this is the kSuite shell's top frame, the one that saves for its mail frames. Asked on every webmail page
 * at load (content-script-at-load.ts), apart from startSavingForMailFrames, which only the shell then loads and runs;
 * the document's URL rather than `location.origin`, an object the content script's world would make for this look
 * alone.
 */
export function isShellTopFrame(): boolean {
  return window.top === window && document.URL.startsWith(`${KSUITE_ORIGIN}/`);
}

/**
 * For the content script in the shell (the top frame, see isShellTopFrame): saves what the background said a mail
 * frame would send. Only a ticket the background announced, spent once, from a frame of this very page on the mail
 * host, is honoured. Returns what takes the background's announcement (an `EXPECT_SAVE` message), answered by true.
 */
export function startSavingForMailFrames(signal: AbortSignal): (message: ExpectSaveMessage) => Promise<true> {
  const expected = new Map<string, string>(); // ticket → file name

  const expect = ({ ticket, fileName }: ExpectSaveMessage) => {
    expected.set(ticket, fileName);
    setTimeout(() => expected.delete(ticket), TICKET_LIFETIME_MS);
    return Promise.resolve(true as const);
  };

  const onRequest = (event: MessageEvent) => {
    if (event.origin !== MAIL_ORIGIN || !isChildFrame(event.source)) return;
    const request = event.data as Partial<SaveRequest> | null;
    if (request?.protocol !== PROTOCOL || request.kind !== 'save') return;
    const { ticket, blob } = request;
    if (typeof ticket !== 'string' || !(blob instanceof Blob)) return;
    const fileName = expected.get(ticket);
    if (fileName === undefined) return; // not announced by the background, or already spent
    expected.delete(ticket);
    clickDownload(blob, fileName);
    const answer: SaveAnswer = { protocol: PROTOCOL, kind: 'saved', ticket };
    (event.source as Window).postMessage(answer, MAIL_ORIGIN);
  };
  addEventListener('message', onRequest, { signal });
  return expect;
}

function isChildFrame(source: MessageEventSource | null): boolean {
  for (let i = 0; i < window.frames.length; i++) if (window.frames[i] === source) return true;
  return false;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
