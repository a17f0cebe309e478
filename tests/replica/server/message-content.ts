import type { GeneratedMessageBody } from './corpus-contract.ts';
import { parseMessage, type ParsedMessage } from './parsed-message.ts';

// A stored message's bytes, whichever way they exist: held in memory (the corpus, deliveries) or made on the fly
// (the big generated mailbox). Routes ask this instead of touching bytes, so a 25 MB generated message is streamed
// piece by piece and listed without ever being built whole.

export interface ThreadIds {
  msgId: string | null;
  relatedIds: string[];
}

export interface MessageContent {
  /** Made on the fly: nothing derived from it (an archive, say) should be kept. */
  readonly generated: boolean;
  /** Exact byte length: the JSON `size` and the download's Content-Length. */
  readonly size: number;
  /** The bytes in order, for streaming. */
  chunks(): Iterable<Uint8Array>;
  /** The whole message at once (attachments, search); avoid for generated messages where a stream will do. */
  bytes(): Uint8Array;
  parse(): Promise<ParsedMessage>;
  /** What threading needs, without a full parse where that is cheaper. */
  threadIds(): Promise<ThreadIds>;
}

/** Bytes held in memory; parsed once (parseMessage caches per buffer, and moves keep the buffer). */
export function heldContent(raw: Uint8Array): MessageContent {
  return {
    generated: false,
    size: raw.byteLength,
    chunks: () => [raw],
    bytes: () => raw,
    parse: () => parseMessage(raw),
    threadIds: async () => {
      const parsed = await parseMessage(raw);
      return { msgId: parsed.msgId, relatedIds: parsed.relatedIds };
    },
  };
}

/**
 * A generated message: the view a parser would give is taken from the generator's facts (parsing 30,000 messages
 * of gigabytes on every listing is what the generator exists to avoid); nothing is cached, so memory stays flat.
 * A class (one field per message) rather than closures: the store holds tens of thousands of these.
 */
class GeneratedContent implements MessageContent {
  readonly generated = true;

  constructor(private readonly body: GeneratedMessageBody) {}

  get size(): number {
    return this.body.size;
  }

  chunks(): Iterable<Uint8Array> {
    return this.body.chunks();
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.body.size);
    let offset = 0;
    for (const chunk of this.body.chunks()) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }

  parse(): Promise<ParsedMessage> {
    return Promise.resolve(parsedFromFacts(this.body));
  }

  threadIds(): Promise<ThreadIds> {
    if (this.body.threadIds) return Promise.resolve(this.body.threadIds());
    const facts = this.body.facts();
    return Promise.resolve({ msgId: facts.msgId, relatedIds: relatedIds(facts.references, facts.inReplyTo) });
  }
}

export function generatedContent(body: GeneratedMessageBody): MessageContent {
  return new GeneratedContent(body);
}

function relatedIds(references: string[], inReplyTo: string | null): string[] {
  return [...new Set(inReplyTo ? [...references, inReplyTo] : references)];
}

function parsedFromFacts(body: GeneratedMessageBody): ParsedMessage {
  const facts = body.facts();
  let text: string | undefined;
  const parsed: ParsedMessage = {
    msgId: facts.msgId,
    subject: facts.subject,
    date: facts.date.replace(/\.\d{3}Z$/, '+00:00'),
    priority: 'normal',
    from: facts.from,
    to: facts.to,
    cc: [],
    bcc: [],
    replyTo: [],
    inReplyTo: facts.inReplyTo,
    references: facts.references.length ? facts.references.join(' ') : null,
    relatedIds: relatedIds(facts.references, facts.inReplyTo),
    html: null,
    text: null,
    textStart: facts.textStart(),
    attachments: facts.attachments.map((attachment) => {
      let content: Buffer | undefined;
      return {
        partId: attachment.partId,
        name: attachment.name,
        mimeType: attachment.mimeType,
        encoding: attachment.encoding,
        size: attachment.size,
        disposition: 'attachment' as const,
        contentId: null,
        // Made when a route asks for the file itself, not for every listing that names it.
        get content() {
          const bytes = attachment.content();
          content ??= Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          return content;
        },
      };
    }),
    headers: facts.headers,
    degraded: false,
  };
  // The body text is tens of KB to build; only the preview, the detail route and search read it.
  Object.defineProperty(parsed, 'text', { enumerable: true, get: () => (text ??= facts.text()) });
  return parsed;
}
