import type { KsuiteApiClient, TransferOptions } from './api-client';
import type { CurrentMailbox } from './current-mailbox';
import type { Message } from './types';
import type { MessageRef } from './webmail-dom';
import { awaitWithSignal } from './api-error';
import { downloadRawMessage } from './raw-message';

/**
 * Messages as the page's actions need them: the JSON (date, subject, attachment list) and the raw bytes. Each
 * is fetched once per page: "Headers" then "Attachments (.zip)" downloads the message a single time. The raw
 * bytes are checked against the JSON's size and shape before anyone gets them (see ksuite/raw-message.ts).
 */
export class MessageSource {
  readonly #details = new Map<string, Promise<Message>>();
  readonly #raw = new Map<string, Uint8Array>();
  #archiveDisagreed = false;

  constructor(
    private readonly api: KsuiteApiClient,
    private readonly mailbox: CurrentMailbox,
    private readonly pageUrl: () => string,
  ) {}

  mailboxUuid(signal?: AbortSignal): Promise<string> {
    return this.mailbox.resolve(this.pageUrl(), signal).then((mailbox) => mailbox.uuid);
  }

  details(ref: MessageRef, signal?: AbortSignal): Promise<Message> {
    let pending = this.#details.get(ref.uid);
    if (!pending) {
      // Shared by every caller, so started without any one caller's signal.
      pending = this.mailboxUuid().then((uuid) => this.api.message(uuid, ref));
      pending.catch(() => this.#details.delete(ref.uid)); // a failure is not remembered
      this.#details.set(ref.uid, pending);
    }
    return awaitWithSignal(pending, signal);
  }

  /** The server's zip of the message's attachments (see features/shared/server-archive-zip.ts). */
  attachmentsArchive(details: Message, options: TransferOptions = {}): Promise<Blob> {
    return this.api.attachmentsArchive(details, options);
  }

  /**
   * False once the server's archive has not matched a message on this page: the others then go straight to the
   * browser's zip rather than downloading an archive that will likely be refused too.
   */
  get archiveTrusted(): boolean {
    return !this.#archiveDisagreed;
  }

  distrustArchive(): void {
    this.#archiveDisagreed = true;
  }

  /** True when the raw message is already here, so that what needs it costs no download. */
  hasRaw(ref: MessageRef): boolean {
    return this.#raw.has(ref.uid);
  }

  async raw(ref: MessageRef, options: TransferOptions = {}): Promise<Uint8Array> {
    const cached = this.#raw.get(ref.uid);
    if (cached) return cached;
    const [uuid, details] = await Promise.all([this.mailboxUuid(options.signal), this.details(ref, options.signal)]);
    // Every route to the raw message comes through here: none of them ever sees a cut or foreign body.
    const bytes = await downloadRawMessage(this.api, uuid, { ref, size: details.size }, options);
    // Keep only the latest two: a 25 MB message should not stay in the tab's memory for long.
    this.#raw.set(ref.uid, bytes);
    while (this.#raw.size > 2) this.#raw.delete(this.#raw.keys().next().value!);
    return bytes;
  }
}
