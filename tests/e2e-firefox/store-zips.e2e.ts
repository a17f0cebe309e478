import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzip } from '../e2e/support/downloads';

// The store packages `npm run zip` made (npm test runs it just before this suite): one per browser, named with the
// package version, each exactly the unpacked build the browser tests ran; and for addons.mozilla.org the sources
// zip, which must hold what a reviewer needs and nothing else: it is rebuilt here, as a reviewer would, and the
// result must be the Firefox package byte for byte.

const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { name: string; version: string };
const zipPath = (suffix: string) => resolve('.output', `${pkg.name}-${pkg.version}-${suffix}.zip`);
const BROWSERS = ['chrome', 'edge', 'firefox', 'safari'] as const;

async function filesUnder(dir: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path).split('\\').join('/'), new Uint8Array(await readFile(path)));
  }
  return files;
}

/** Same paths, same bytes; a difference is reported by path. */
function expectSameFiles(actual: Map<string, Uint8Array>, expected: Map<string, Uint8Array>) {
  const paths = new Set([...actual.keys(), ...expected.keys()]);
  const differing = [...paths].filter((path) => {
    const [a, b] = [actual.get(path), expected.get(path)];
    return !a || !b || !Buffer.from(a).equals(Buffer.from(b));
  });
  expect(differing).toEqual([]);
}

/** This process's environment without what vitest adds (NODE_ENV=test, TEST, VITEST_*): Vite would build differently. */
function reviewerEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !['NODE_ENV', 'TEST'].includes(name) && !name.startsWith('VITEST')),
  );
}

describe.each(BROWSERS)('the %s store zip', (browser) => {
  it(`is ${pkg.name}-${pkg.version}-${browser}.zip, the build itself with the package version`, async () => {
    if (!existsSync(zipPath(browser))) throw new Error(`${zipPath(browser)} missing: run \`npm run zip\``);
    const files = await unzip(new Uint8Array(await readFile(zipPath(browser))));
    const manifest = JSON.parse(Buffer.from(files.get('manifest.json')!).toString('utf8')) as {
      version: string;
      manifest_version: number;
    };
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.manifest_version).toBe(3);
    expectSameFiles(files, await filesUnder(resolve('.output', `${browser}-mv3`)));
  });
});

describe('the Safari package', () => {
  // Safari has no notifications API for extensions and no offscreen documents: asking for either would fail to
  // load or leave a permission nobody can grant. Everything else the extension asks for, Safari has.
  const SAFARI_HAS = ['storage', 'alarms', 'contextMenus'];

  it('asks only for permissions Safari has, and calls no offscreen API', async () => {
    const files = await unzip(new Uint8Array(await readFile(zipPath('safari'))));
    const manifest = JSON.parse(Buffer.from(files.get('manifest.json')!).toString('utf8')) as {
      permissions?: string[];
      optional_permissions?: string[];
    };
    const asked = [...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? [])];
    expect(asked.filter((permission) => !SAFARI_HAS.includes(permission))).toEqual([]);
    const scripts = [...files].filter(([path]) => path.endsWith('.js'));
    const offscreen = scripts.filter(([, bytes]) => Buffer.from(bytes).toString('utf8').includes('offscreen'));
    expect(offscreen.map(([path]) => path)).toEqual([]);
  });
});

describe('the Firefox sources zip for AMO reviewers', () => {
  let sources: Map<string, Uint8Array>;
  let workspace: string;

  beforeAll(async () => {
    sources = await unzip(new Uint8Array(await readFile(zipPath('sources'))));
    workspace = await mkdtemp(join(tmpdir(), 'ksuite-companion-sources-'));
  });
  afterAll(() => (workspace ? rm(workspace, { recursive: true, force: true }) : undefined));

  it('holds the build inputs and the instructions', () => {
    const paths = [...sources.keys()];
    for (const file of ['README.md', 'package.json', 'package-lock.json', 'tsconfig.json', 'wxt.config.ts']) {
      expect(paths).toContain(file);
    }
    for (const folder of ['entrypoints/', 'src/', 'public/']) {
      expect(paths.some((path) => path.startsWith(folder))).toBe(true);
    }
  });

  it('leaves out dependencies, build output, tests and local files', () => {
    const unwanted = [/(^|\/)node_modules\//, /^\.output\//, /^\.wxt\//, /^tests\//, /^bench\//, /(^|\/)\./];
    const testFiles = /\.(test|spec|e2e|bench)\.[cm]?[jt]sx?$/;
    const found = [...sources.keys()].filter((path) => unwanted.some((re) => re.test(path)) || testFiles.test(path));
    expect(found).toEqual([]);
  });

  it('rebuilds, with `wxt build -b firefox`, exactly the Firefox package', async () => {
    for (const [path, bytes] of sources) {
      await mkdir(dirname(join(workspace, path)), { recursive: true });
      await writeFile(join(workspace, path), bytes);
    }
    // The reviewer runs `npm ci`; the installed dependencies of this checkout are the same lockfile's.
    await symlink(resolve('node_modules'), join(workspace, 'node_modules'), 'dir');
    await promisify(execFile)(process.execPath, [resolve('node_modules/wxt/bin/wxt.mjs'), 'build', '-b', 'firefox'], {
      cwd: workspace,
      env: reviewerEnvironment(),
    });
    const rebuilt = await filesUnder(join(workspace, '.output/firefox-mv3'));
    expectSameFiles(rebuilt, await unzip(new Uint8Array(await readFile(zipPath('firefox')))));
  });
});
