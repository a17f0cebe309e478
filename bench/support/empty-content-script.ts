import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The manifest fields that decide where, when and in which world a content script runs. */
export interface ContentScriptShape {
  matches: string[];
  run_at?: string;
  all_frames?: boolean;
  world?: string;
}

export interface EmptyContentScriptBuild {
  /** The unpacked extension, for launchWithExtension. */
  dir: string;
  /** Its content script's path in the extension, which trace events name it by. */
  script: string;
  shape: ContentScriptShape;
  remove(): Promise<void>;
}

/**
 * The floor our content script is compared with: a WXT project of its own, generated into a temporary folder at
 * bench time and built with the WXT of this repository, whose only content script does nothing (`main() {}`) and is
 * declared with our script's manifest shape (matches, run_at, all_frames, world), read from the build under test.
 * What it costs is what any WXT content script costs on that page: WXT's runtime, its context, the compile and run
 * of a small file. `withPolyfill`: the same with webextension-polyfill loaded (through WXT's module, as ours is) and
 * touched once, to tell what loading the polyfill costs. An empty background stands in for ours only because the launcher finds an extension by its
 * service worker.
 */
export async function buildEmptyContentScript(
  extensionUnderTest: string,
  { withPolyfill = false } = {},
): Promise<EmptyContentScriptBuild> {
  const shape = await contentScriptShape(extensionUnderTest);
  const project = await mkdtemp(join(tmpdir(), 'ksuite-companion-empty-content-script-'));
  try {
    await symlink(join(repoRoot, 'node_modules'), join(project, 'node_modules'), 'dir');
    await mkdir(join(project, 'entrypoints'));
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({ name: 'empty-content-script', version: '1.0.0', private: true, type: 'module' }),
    );
    await writeFile(
      join(project, 'wxt.config.ts'),
      `import { defineConfig } from 'wxt';\n` +
        `export default defineConfig({ manifestVersion: 3, ` +
        (withPolyfill ? `modules: ['@wxt-dev/webextension-polyfill'], ` : '') +
        `manifest: ${JSON.stringify({ name: 'Empty content script', host_permissions: shape.matches })} });\n`,
    );
    const options = {
      matches: shape.matches,
      ...(shape.run_at ? { runAt: shape.run_at } : {}),
      ...(shape.all_frames !== undefined ? { allFrames: shape.all_frames } : {}),
      ...(shape.world ? { world: shape.world } : {}),
    };
    // Written out, not spread: WXT reads the definition's object literal when it builds.
    const fields = JSON.stringify(options).slice(1, -1);
    const main = withPolyfill ? 'main() { void browser.runtime.id; }' : 'main() {}';
    await writeFile(
      join(project, 'entrypoints', 'empty.content.ts'),
      (withPolyfill ? `import { browser } from 'wxt/browser';\n` : '') +
        `export default defineContentScript({ ${fields}, ${main} });\n`,
    );
    await writeFile(join(project, 'entrypoints', 'background.ts'), 'export default defineBackground(() => {});\n');
    const build = spawnSync('npx', ['wxt', 'build'], { cwd: project, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`page bench: the empty content script did not build: ${build.stderr}`);
    const dir = join(project, '.output', 'chrome-mv3');
    const built = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
      content_scripts: (ContentScriptShape & { js: string[] })[];
    };
    const [declared] = built.content_scripts;
    if (built.content_scripts.length !== 1 || !declared || !sameShape(declared, shape)) {
      throw new Error(`page bench: the empty content script's manifest differs: ${JSON.stringify(declared)}`);
    }
    return { dir, script: declared.js[0]!, shape, remove: () => rm(project, { recursive: true, force: true }) };
  } catch (error) {
    await rm(project, { recursive: true, force: true });
    throw error;
  }
}

async function contentScriptShape(extensionDir: string): Promise<ContentScriptShape> {
  const manifest = JSON.parse(await readFile(join(extensionDir, 'manifest.json'), 'utf8')) as {
    content_scripts?: (ContentScriptShape & { js: string[] })[];
  };
  const scripts = manifest.content_scripts ?? [];
  if (scripts.length !== 1) throw new Error(`page bench: expected one content script, the build has ${scripts.length}`);
  const { matches, run_at, all_frames, world } = scripts[0]!;
  return { matches, run_at, all_frames, world };
}

function sameShape(a: ContentScriptShape, b: ContentScriptShape): boolean {
  return (
    JSON.stringify([...a.matches].sort()) === JSON.stringify([...b.matches].sort()) &&
    (a.run_at ?? 'document_idle') === (b.run_at ?? 'document_idle') &&
    (a.all_frames ?? false) === (b.all_frames ?? false) &&
    (a.world ?? 'ISOLATED') === (b.world ?? 'ISOLATED')
  );
}
