import JSZip from 'jszip';
import type { ParsedAttachment } from './parsed-message.ts';

// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;

// The server-side zip of a message's attachments. Inline parts (images the HTML shows) stay out, as a user
// asking for "all attachments" means the listed files. Names are made unique and stripped of path parts so
// the archive never writes outside the folder it is unpacked in.

const archives = new WeakMap<Uint8Array, Promise<Buffer>>();

/** The archive for one raw message, built once: zipping the corpus's 25 MB attachments takes a second or so. */
export function attachmentsArchiveFor(raw: Uint8Array, attachments: ParsedAttachment[], date: Date): Promise<Buffer> {
  let archive = archives.get(raw);
  if (!archive) {
    archive = buildAttachmentsArchive(attachments, date);
    archives.set(raw, archive);
  }
  return archive;
}

export async function buildAttachmentsArchive(attachments: ParsedAttachment[], date: Date): Promise<Buffer> {
  const zip = new JSZip();
  const names = new UniqueNames();
  for (const attachment of archivableAttachments(attachments)) {
    zip.file(names.take(safeEntryName(attachment.name)), attachment.content, { date, binary: true });
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}

export function archivableAttachments(attachments: ParsedAttachment[]): ParsedAttachment[] {
  return attachments.filter((attachment) => attachment.disposition === 'attachment');
}

function safeEntryName(name: string): string {
  const flat = name
    .replace(/[\\/]+/g, '_')
    .replace(CONTROL_CHARACTERS, '')
    .trim();
  return flat === '' || flat === '.' || flat === '..' ? 'attachment' : flat;
}

/**
 * `name`, or `stem (2).ext`, `stem (3).ext`, … for a name already given (case-insensitively). Numbering goes on
 * from the last number given for that name, so 4,000 files of one name take one look each, not a count from 2.
 */
class UniqueNames {
  private readonly used = new Set<string>();
  private readonly nextNumber = new Map<string, number>();

  take(name: string): string {
    const key = name.toLowerCase();
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const extension = dot > 0 ? name.slice(dot) : '';
    let candidate = name;
    let n = this.nextNumber.get(key) ?? 2;
    while (this.used.has(candidate.toLowerCase())) candidate = `${stem} (${n++})${extension}`;
    this.nextNumber.set(key, n);
    this.used.add(candidate.toLowerCase());
    return candidate;
  }
}
