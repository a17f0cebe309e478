/**
 * `npm test`: every check the project has, in the order a failure is cheapest to find, each step run even when
 * an earlier one failed so that one run tells everything. Ends with one line `N passed, N failed`, counting the
 * vitest tests of the unit and end-to-end suites plus the non-test steps (typecheck, lint, builds, zips).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { relative } from 'node:path';

interface Step {
  name: string;
  command: string[];
  /** vitest's JSON report, when the step runs tests */
  report?: string;
  /** added to the environment of the command */
  env?: Record<string, string>;
}

const ARTIFACTS = 'tests/.artifacts';
const vitestJson = (file: string) => ['--reporter=default', '--reporter=json', `--outputFile.json=${file}`];

const steps: Step[] = [
  { name: 'typecheck', command: ['npx', 'tsc', '--noEmit'] },
  { name: 'lint', command: ['npx', 'eslint', '.'] },
  { name: 'format', command: ['npx', 'prettier', '--check', '.'] },
  // The rooms of src/ and their order (.dependency-cruiser.cjs): no import circle, no import against the order.
  {
    name: 'layers',
    command: ['npx', 'depcruise', 'src', 'entrypoints', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
  },
  {
    name: 'unit',
    command: ['npx', 'vitest', 'run', ...vitestJson(`${ARTIFACTS}/unit.json`)],
    report: `${ARTIFACTS}/unit.json`,
  },
  // Zips past 4 GiB written to a temporary file and read back (vitest.slow.config.ts): minutes, not seconds.
  {
    name: 'slow',
    command: ['npx', 'vitest', 'run', '--config', 'vitest.slow.config.ts', ...vitestJson(`${ARTIFACTS}/slow.json`)],
    report: `${ARTIFACTS}/slow.json`,
  },
  ...['chrome', 'edge', 'firefox', 'safari'].map((browser) => ({
    name: `build ${browser}`,
    command: ['npx', 'wxt', 'build', '-b', browser],
  })),
  // The store packages (they rebuild each browser, identically), then what AMO's linter says of the Firefox one.
  { name: 'zip', command: ['npx', 'tsx', 'scripts/zip.ts'] },
  {
    name: 'lint firefox',
    command: ['npx', 'web-ext', 'lint', '--source-dir', '.output/firefox-mv3', '--no-config-discovery'],
    env: { NO_UPDATE_NOTIFIER: '1' },
  },
  {
    name: 'e2e',
    command: ['npx', 'vitest', 'run', '--config', 'vitest.e2e.config.ts', ...vitestJson(`${ARTIFACTS}/e2e.json`)],
    report: `${ARTIFACTS}/e2e.json`,
  },
  {
    // Edge runs Chromium: the Chromium suite again, on the Edge build.
    name: 'e2e edge',
    command: ['npx', 'vitest', 'run', '--config', 'vitest.e2e.config.ts', ...vitestJson(`${ARTIFACTS}/e2e-edge.json`)],
    report: `${ARTIFACTS}/e2e-edge.json`,
    env: { EXTENSION_BUILD: 'edge-mv3' },
  },
  {
    name: 'e2e firefox',
    command: [
      'npx',
      'vitest',
      'run',
      '--config',
      'vitest.firefox.config.ts',
      ...vitestJson(`${ARTIFACTS}/firefox.json`),
    ],
    report: `${ARTIFACTS}/firefox.json`,
  },
];

const only = process.argv.slice(2);
rmSync(ARTIFACTS, { recursive: true, force: true });
mkdirSync(ARTIFACTS, { recursive: true });

let passed = 0;
let failed = 0;
const summary: string[] = [];
// The names of failed tests and the first line of why, repeated at the end: CI logs are often seen only in part.
const failures: string[] = [];
// The browser suites give a failed test one more try (their configs' `retry`): named here, so a flake is seen.
const retried: string[] = [];
for (const step of steps.filter((s) => only.length === 0 || only.some((o) => s.name.startsWith(o)))) {
  console.log(`\n▶ ${step.name}: ${step.command.join(' ')}`);
  const started = Date.now();
  const { status } = spawnSync(step.command[0]!, step.command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, ...step.env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const counts = step.report ? readVitestCounts(step.report) : null;
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
    failures.push(...counts.failures.map((f) => `${step.name}: ${f}`));
    retried.push(...counts.retried.map((f) => `${step.name}: ${f}`));
  }
  // A step that exits non-zero fails even if its test count looked fine (e.g. a crash before the report).
  if (status !== 0 && (!counts || counts.failed === 0)) failed += 1;
  if (status === 0 && !counts) passed += 1;
  const detail = counts ? ` (${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped)` : '';
  summary.push(`${status === 0 ? 'ok  ' : 'FAIL'} ${step.name}${detail} ${seconds}s`);
}

console.log(`\n${summary.join('\n')}`);
if (retried.length > 0) {
  console.log(`\nPassed only when tried again (flaky):\n${retried.map((f) => `  ~ ${f}`).join('\n')}`);
}
if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  ✗ ${f}`).join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

interface VitestCounts {
  passed: number;
  failed: number;
  skipped: number;
  /** "file › test name — first line of the failure" */
  failures: string[];
  /** The same, for tests that failed and then passed when tried again */
  retried: string[];
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults?: {
    name: string;
    message?: string;
    assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
}

function readVitestCounts(file: string): VitestCounts | null {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as VitestReport;
    const failures: string[] = [];
    const retried: string[] = [];
    for (const result of report.testResults ?? []) {
      const where = relative(process.cwd(), result.name);
      let failedTests = 0;
      for (const test of result.assertionResults ?? []) {
        const line = `${where} › ${test.fullName} — ${firstLine(test.failureMessages?.[0])}`;
        if (test.status === 'failed') {
          failedTests += 1;
          failures.push(line);
        }
        // vitest keeps the errors of the tries that failed on a test that passed in the end.
        else if (test.status === 'passed' && (test.failureMessages ?? []).length > 0) retried.push(line);
      }
      // A file that failed before any test ran (an import error, a hook) reports only a message.
      if (failedTests === 0 && result.message) failures.push(`${where} — ${firstLine(result.message)}`);
    }
    return {
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      skipped: report.numPendingTests + report.numTodoTests,
      failures,
      retried,
    };
  } catch {
    return null;
  }
}

function firstLine(text: string | undefined): string {
  return (
    (text ?? '')
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim()
      .slice(0, 300) ?? ''
  );
}
