import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// The webmail UI's files (tests/replica/webmail), found next to this module so no machine path is baked in.

export const WEBMAIL_DIR = fileURLToPath(new URL('../webmail/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** A file under the webmail folder, or undefined if absent or if the path tries to leave the folder. */
export async function readWebmailFile(relativePath: string): Promise<StaticFile | undefined> {
  const root = resolve(WEBMAIL_DIR);
  const target = resolve(root, relativePath.replace(/^\/+/, ''));
  if (!target.startsWith(root + sep)) return undefined;
  try {
    const body = await readFile(target);
    return { body, contentType: CONTENT_TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream' };
  } catch {
    return undefined;
  }
}
