/**
 * Runs every `bench/*.bench.ts` (each default-exports `() => Promise<BenchResult[]>`), prints a table and writes
 * `bench-results.json` at the repository root for CI to compare. Always exits 0: the numbers are for reading and
 * trend-watching, goals are judged by people, not by a flaky timing threshold.
 *
 * `npm run bench -- headers page` runs only the named files (`headers.bench.ts`, `page.bench.ts`): a change that
 * touches one area can be measured without the minutes the others take.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './types';

const benchDir = dirname(fileURLToPath(import.meta.url));
const resultsFile = join(benchDir, '..', 'bench-results.json');

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(benchDir)
    .filter((file) => file.endsWith('.bench.ts'))
    .filter((file) => only.length === 0 || only.includes(file.replace(/\.bench\.ts$/, '')))
    .sort();
  const results: BenchResult[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(benchDir, file)).href)) as {
      default?: () => Promise<BenchResult[]>;
    };
    if (typeof module.default !== 'function') {
      console.warn(`${file}: no default export, skipped`);
      continue;
    }
    try {
      results.push(...(await module.default()));
    } catch (error) {
      console.error(`${file} failed:`, error);
    }
  }
  printTable(results);
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${results.length} result(s) to bench-results.json`);
}

function printTable(results: readonly BenchResult[]): void {
  const rows = results.map((r) => [
    r.name,
    `${format(r.value)} ${r.unit}`,
    `${format(r.baseline)} ${r.unit}`,
    format(r.ratio),
    r.note ?? '',
  ]);
  const header = ['benchmark', 'value', 'baseline', 'ratio', 'note'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
}

function format(value: number): string {
  return Number.isFinite(value) ? value.toFixed(value >= 100 ? 0 : 2) : String(value);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(0);
  },
);
