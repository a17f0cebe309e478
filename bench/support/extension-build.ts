import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROME_BUILD = join(repoRoot, '.output', 'chrome-mv3');
const REQUIRED_FILES = ['manifest.json', 'background.js', 'content-scripts/webmail.js'];

export interface BuildSnapshot {
  dir: string;
  /** When the copied build was written, so the report says which code was measured. */
  builtAt: Date;
  remove(): Promise<void>;
}

/**
 * The production build the page benches load. Built with `npm run build` when missing. Then copied to a
 * temporary folder: `npm test` rebuilds `.output/` from scratch, and a rebuild during the bench would pull the
 * extension's files from under the running browser (its service worker never starts, or a half-written script
 * is measured).
 */
export async function snapshotOfProductionBuild(): Promise<BuildSnapshot> {
  if (!hasRequiredFiles(CHROME_BUILD)) {
    console.log('page bench: no production build in .output/chrome-mv3, running `npm run build` first…');
    const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
    if (build.status !== 0 || !hasRequiredFiles(CHROME_BUILD)) {
      throw new Error('page bench: `npm run build` failed; the page benches need .output/chrome-mv3.');
    }
  }
  const builtAt = (await stat(join(CHROME_BUILD, 'manifest.json'))).mtime;
  const dir = await mkdtemp(join(tmpdir(), 'ksuite-companion-bench-build-'));
  await cp(CHROME_BUILD, dir, { recursive: true });
  if (!hasRequiredFiles(dir)) {
    await rm(dir, { recursive: true, force: true });
    throw new Error('page bench: .output/chrome-mv3 changed while it was copied (a build is running?); run again.');
  }
  return { dir, builtAt, remove: () => rm(dir, { recursive: true, force: true }) };
}

function hasRequiredFiles(dir: string): boolean {
  return REQUIRED_FILES.every((file) => existsSync(join(dir, file)));
}
