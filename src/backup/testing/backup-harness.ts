import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { KsuiteApiClient } from '../../ksuite/api-client';
import type { Replica } from '../../../tests/replica/index';
import { replicaFetch } from '../../../tests/support/replica-fetch';
import { DiskState, diskDirectory } from '../../../tests/support/disk-directory-handle';
import { startBackup, type BackupProgress, type BackupSelection, type StartBackupOptions } from '../index';
import { listBackupSources } from '../list-sources';

/**
 * What the backup tests share: a signed-in client whose session can be renewed (as a user signing in again would),
 * a real temporary folder behind a directory handle, a run with short retry pauses, and readers of the result that
 * are not the engine (the file system, Python, the replica's request log).
 */

export class Session {
  cookie = '';
  readonly client: KsuiteApiClient;

  /** Start time and path of every request, in the order they were sent. */
  readonly sent: { at: number; path: string }[] = [];

  /** Told of each request as it is sent, before it reaches the replica (a test acting at the n-th download). */
  onRequest: ((path: string) => void) | null = null;

  constructor(private readonly replica: Replica) {
    this.renew();
    this.client = new KsuiteApiClient({ fetch: (input, init) => this.#fetch(input, init), backoffMs: 5 });
  }

  /**
   * The replica as a browser page reaches it: a redirect to the sign-in host (which sends no CORS headers) fails
   * like a network fault; with `redirect: 'manual'` it is handed back.
   */
  async #fetch(input: Parameters<typeof fetch>[0], init: RequestInit = {}): Promise<Response> {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    this.sent.push({ at: performance.now(), path: url.pathname + url.search });
    this.onRequest?.(url.pathname + url.search);
    const response = await replicaFetch(this.replica.port, { cookie: this.cookie })(input, init);
    if (response.status >= 300 && response.status < 400 && init.redirect !== 'manual') {
      await response.body?.cancel();
      throw new TypeError('Failed to fetch');
    }
    return response;
  }

  /** Signs in again: a new live session cookie. */
  renew(): void {
    const { name, value } = this.replica.control.issueSessionCookie();
    this.cookie = `${name}=${value}`;
  }
}

export function tempBackupFolder(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'ksuite-backup-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Every folder of every mailbox of the account. */
export async function everything(client: KsuiteApiClient, format: 'eml' | 'mbox'): Promise<BackupSelection> {
  const sources = await listBackupSources(client);
  return {
    format,
    mailboxes: sources.map((m) => ({ uuid: m.uuid, email: m.email, folderIds: m.folders.map((f) => f.id) })),
    from: null,
    to: null,
  };
}

export function run(
  session: Session,
  path: string,
  selection: BackupSelection,
  options: Partial<StartBackupOptions> & { state?: DiskState } = {},
) {
  const progress: BackupProgress[] = [];
  const state = options.state ?? new DiskState();
  const controls = startBackup({
    api: session.client,
    destination: diskDirectory(path, state).asBrowserHandle(),
    selection,
    timing: { retryBaseMs: 5, rateLimitFallbackMs: 20, progressIntervalMs: 0 },
    onProgress: (p) => progress.push(p),
    ...options,
  });
  return { controls, progress, state };
}

/** Raw-message downloads the replica answered (any status), optionally since `from` in the log. */
export function downloadRequests(replica: Replica): string[] {
  return replica.control
    .requestLog()
    .filter((entry) => entry.path.endsWith('/download'))
    .map((entry) => entry.path);
}

/** Every file under `root` (relative paths), the work folder left out. */
export function filesUnder(root: string, suffix = ''): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== '.backup-work') walk(path);
      } else if (name.endsWith(suffix)) out.push(relative(root, path));
    }
  };
  walk(root);
  return out.sort();
}

export function sha256sum(files: string[], cwd: string): Map<string, string> {
  if (files.length === 0) return new Map();
  const out = execFileSync('sha256sum', ['--', ...files], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  const sums = new Map<string, string>();
  for (const line of out.trim().split('\n')) {
    const match = /^\\?([0-9a-f]{64}) {2}(.*)$/.exec(line);
    if (match) sums.set(match[2]!, match[1]!);
  }
  return sums;
}

/**
 * Python's mailbox.mbox reads every .mbox under `root`; each message is un-quoted the mboxrd way (one '>' less
 * before `From `) and returned base64-encoded, per file.
 */
export function readMboxesWithPython(root: string): Record<string, string[]> {
  const script = `
import mailbox, sys, os, re, json, base64
root = sys.argv[1]
out = {}
for dirpath, dirs, files in os.walk(root):
    dirs[:] = [d for d in dirs if d != '.backup-work']
    for name in files:
        if not name.endswith('.mbox'):
            continue
        path = os.path.join(dirpath, name)
        box = mailbox.mbox(path, create=False)
        messages = []
        for key in box.iterkeys():
            data = box.get_bytes(key)
            data = re.sub(rb'(?m)^>(>*From )', rb'\\1', data)
            messages.append(base64.b64encode(data).decode())
        out[os.path.relpath(path, root)] = messages
print(json.dumps(out))
`;
  return JSON.parse(execFileSync('python3', ['-c', script, root], { encoding: 'utf8', maxBuffer: 1 << 30 }));
}

/** A raw message as it reads back from an mbox: LF line ends, ending with a line break. */
export function asInMbox(raw: Uint8Array): Buffer {
  let text = Buffer.from(raw).toString('latin1').replace(/\r\n/g, '\n');
  if (!text.endsWith('\n')) text += '\n';
  return Buffer.from(text, 'latin1');
}

export function readJsonLines(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export interface ServerMessage {
  mailbox: string;
  folderPath: string;
  shortUid: string;
  subject: string;
  raw: Uint8Array;
}

/**
 * Every message of every folder, with its raw bytes, read the way the webmail reads them (the threaded list, then
 * each message's download): the reference a backup is compared with, found without the engine's listing.
 */
export async function serverMessages(client: KsuiteApiClient): Promise<ServerMessage[]> {
  const out: ServerMessage[] = [];
  for (const mailbox of await client.mailboxes()) {
    const walk = async (folders: Awaited<ReturnType<KsuiteApiClient['folders']>>) => {
      for (const folder of folders) {
        for (let offset = 0; ; offset += 200) {
          const page = await client.threads(mailbox.uuid, folder.id, { offset, limit: 200 });
          for (const message of page.threads.flatMap((thread) => thread.messages)) {
            const [shortUid] = message.uid.split('@');
            const raw = await client.rawMessage(mailbox.uuid, {
              uid: message.uid,
              shortUid: shortUid!,
              folderId: folder.id,
            });
            out.push({
              mailbox: mailbox.email,
              folderPath: folder.path,
              shortUid: shortUid!,
              subject: message.subject ?? '',
              raw,
            });
          }
          if (!page.resource_next) break;
        }
        await walk(folder.children);
      }
    };
    await walk(await client.folders(mailbox.uuid));
  }
  return out;
}

/** Resolves once `check` holds, looking every few milliseconds (fails the test after `ms`). */
export async function until(check: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * The manifest lines on disk (manifest.jsonl and the journal), read without the engine: what a run that died
 * left behind. Later lines for the same message win, as the engine reads them.
 */
export function manifestOnDisk(root: string): Map<string, Record<string, unknown>> {
  const entries = new Map<string, Record<string, unknown>>();
  const add = (path: string) => {
    for (const entry of readJsonLines(path)) {
      const family = entry.format === 'eml' ? 'eml' : 'mbox';
      entries.set(`${family} ${entry.mailboxUuid} ${entry.folderId} ${entry.uid}`, entry);
    }
  };
  if (existsSync(join(root, 'manifest.jsonl'))) add(join(root, 'manifest.jsonl'));
  const journal = join(root, '.backup-work', 'journal');
  if (existsSync(journal)) for (const name of readdirSync(journal).sort()) add(join(journal, name));
  return entries;
}
