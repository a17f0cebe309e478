/**
 * Just enough of the File System API, in memory, for unit tests of code that walks a backup's folder and writes a
 * file: directory entries, a file's `File`, and a writable stream that lands only on `close()`, as in browsers.
 */
export class MemoryFile {
  readonly kind = 'file';
  bytes: Uint8Array = new Uint8Array();
  lastModified = Date.UTC(2026, 11, 6, 12, 0, 0);
  constructor(readonly name: string) {}

  async getFile(): Promise<File> {
    return new File([this.bytes as Uint8Array<ArrayBuffer>], this.name, { lastModified: this.lastModified });
  }

  async createWritable() {
    const chunks: Uint8Array[] = [];
    return {
      write: async (chunk: Uint8Array) => void chunks.push(chunk.slice()),
      close: async () => {
        this.bytes = new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer());
      },
      abort: async () => undefined,
    };
  }
}

export class MemoryFolder {
  readonly kind = 'directory';
  readonly children = new Map<string, MemoryFile | MemoryFolder>();
  constructor(readonly name: string) {}

  /** Puts a file at `path` ("a/b/c.eml"), making the folders on the way. */
  put(path: string, bytes: Uint8Array | string): MemoryFile {
    const parts = path.split('/');
    const folder = parts.slice(0, -1).reduce<MemoryFolder>((parent, part) => {
      const next = parent.children.get(part) ?? new MemoryFolder(part);
      parent.children.set(part, next);
      return next as MemoryFolder;
    }, this);
    const file = new MemoryFile(parts.at(-1)!);
    file.bytes = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    folder.children.set(file.name, file);
    return file;
  }

  async *entries(): AsyncGenerator<[string, MemoryFile | MemoryFolder]> {
    yield* this.children.entries();
  }

  /** As the File System API's own handle type, for the code under test. */
  get handle(): FileSystemDirectoryHandle {
    return this as unknown as FileSystemDirectoryHandle;
  }
}
