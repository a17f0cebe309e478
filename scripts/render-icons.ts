/**
 * Renders assets/icon.svg to the PNG sizes the stores and browsers want (public/icon/{size}.png), with the
 * same Chromium the tests use. Run after editing the SVG: `npx tsx scripts/render-icons.ts`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { chromiumExecutable } from '../tests/e2e/support/chromium';

const SIZES = [16, 32, 48, 96, 128];
const svg = await readFile(new URL('../assets/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: ['--no-sandbox'] });
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await writeFile(new URL(`../public/icon/${size}.png`, import.meta.url), png);
    await page.close();
  }
} finally {
  await browser.close();
}
