import type { MailAttachment } from './attachments';
import { subjectFileStem } from './naming';
import { FileNameAllocator } from './safe-file-name';
import type { ZipEntryInput } from './zip';

/**
 * Decides where each file goes in an archive: safe names, unique per folder (files and folders share one namespace,
 * as on disk), folders for nested messages or for one message each in a bulk export.
 */

export interface LayoutFolder {
  /** Identity of the folder among its siblings; equal names with different keys become `Name`, `Name (2)`. */
  key: string;
  /** Wanted name, made safe here. */
  name: string;
}

export interface LayoutFileMeta {
  mimeType?: string;
  date?: Date;
}

export class ZipLayout {
  readonly #allocators = new Map<string, FileNameAllocator>();
  readonly #folderPaths = new Map<string, string>();
  readonly #entries: ZipEntryInput[] = [];

  /** Adds a file (its bytes, or bytes compressed elsewhere) and returns the path it got. */
  addFile(
    folders: readonly LayoutFolder[],
    fileName: string,
    data: ZipEntryInput['data'],
    meta: LayoutFileMeta = {},
  ): string {
    const folder = this.#folderPath(folders);
    const name = this.#allocatorFor(folder).allocate(fileName, { mimeType: meta.mimeType });
    const path = folder === '' ? name : `${folder}/${name}`;
    this.#entries.push({ path, data, ...meta });
    return path;
  }

  get entries(): ZipEntryInput[] {
    return [...this.#entries];
  }

  #folderPath(folders: readonly LayoutFolder[]): string {
    let path = '';
    let identity = '';
    for (const folder of folders) {
      identity += `\u0000${folder.key}`;
      let next = this.#folderPaths.get(identity);
      if (next === undefined) {
        const name = this.#allocatorFor(path).allocate(folder.name, { fallbackBase: 'message' });
        next = path === '' ? name : `${path}/${name}`;
        this.#folderPaths.set(identity, next);
      }
      path = next;
    }
    return path;
  }

  #allocatorFor(folder: string): FileNameAllocator {
    let allocator = this.#allocators.get(folder);
    if (!allocator) {
      allocator = new FileNameAllocator();
      this.#allocators.set(folder, allocator);
    }
    return allocator;
  }
}

export interface AttachmentLayoutOptions {
  /** Folders to put these attachments under, e.g. one per message in a bulk export. */
  baseFolders?: readonly LayoutFolder[];
  /** Entry date, normally the message date. */
  date?: Date;
  /** Folder name for a nested message without subject (the UI passes its translated "no subject"). */
  fallbackSubject?: string;
}

/** Adds a message's attachments to `layout`; nested messages that were expanded become sub-folders. */
export function addAttachmentsToLayout(
  layout: ZipLayout,
  attachments: readonly MailAttachment[],
  options: AttachmentLayoutOptions = {},
): void {
  for (const attachment of attachments) {
    const keys = attachment.pathKey === '' ? [] : attachment.pathKey.split('/');
    const nestedFolders = attachment.path.map((subject, depth) => ({
      key: keys.slice(0, depth + 1).join('/'),
      name: subjectFileStem(subject, options.fallbackSubject),
    }));
    layout.addFile([...(options.baseFolders ?? []), ...nestedFolders], attachment.fileName, attachment.content, {
      mimeType: attachment.mimeType,
      ...(options.date ? { date: options.date } : {}),
    });
  }
}

/** Zip entries for one message's attachments, ready for buildZip. */
export function zipEntriesForAttachments(
  attachments: readonly MailAttachment[],
  options: AttachmentLayoutOptions = {},
): ZipEntryInput[] {
  const layout = new ZipLayout();
  addAttachmentsToLayout(layout, attachments, options);
  return layout.entries;
}
