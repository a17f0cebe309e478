/**
 * What decides how the listing of a message's files (attachments.ts) treats a part, known from its headers alone.
 * Kept apart, without the parser, so that code deciding from a server's description of the parts (the message JSON)
 * applies the very same rules without loading the parser.
 */

const NESTED_MESSAGE_TYPES = new Set(['message/rfc822', 'message/global']);
const TNEF_TYPES = new Set(['application/ms-tnef', 'application/vnd.ms-tnef']);

/** A forwarded message attached whole: listed as an .eml named after its subject, or expanded into a folder. */
export function isNestedMessageType(mimeType: string): boolean {
  return NESTED_MESSAGE_TYPES.has(mimeType.toLowerCase());
}

/**
 * A part that is replaced by the files inside it when its bytes turn out to be TNEF (a winmail.dat): its name or
 * type is enough to know that the listing looks inside.
 */
export function mayBeWinmailDat(fileName: string, mimeType: string): boolean {
  return TNEF_TYPES.has(mimeType.toLowerCase()) || fileName.toLowerCase() === 'winmail.dat';
}

/** A Content-ID without its angle brackets, as `cid:` links name it; undefined when there is none. */
export function bareContentId(contentId: string | null | undefined): string | undefined {
  return contentId?.trim().replace(/^<|>$/g, '').trim() || undefined;
}

/**
 * An image (or other part) the HTML body shows inline: it has a Content-ID the HTML refers to (`cidReferences`) and
 * is not marked as an attachment.
 */
export function isShownInline(
  part: { contentId: string | undefined; disposition: string | null },
  referencedIds: ReadonlySet<string>,
): boolean {
  return (
    part.contentId !== undefined && part.disposition !== 'attachment' && referencedIds.has(part.contentId.toLowerCase())
  );
}

/** Lower-cased Content-IDs the HTML refers to as `cid:…` (in src, href, background, CSS url()). */
export function cidReferences(html: string | undefined): Set<string> {
  const ids = new Set<string>();
  if (!html) return ids;
  for (const match of html.matchAll(/cid:([^\s"'<>()]+)/gi)) {
    ids.add(safeDecodeUri(match[1]!).toLowerCase());
  }
  return ids;
}

function safeDecodeUri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
