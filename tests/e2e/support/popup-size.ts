import { expect } from 'vitest';

export interface PopupSize {
  width: number;
  height: number;
  /** Buttons whose label takes more than one line: their text, and lines counted from height and line height. */
  wrapped: { text: string; lines: number }[];
}

/**
 * The popup's own size (its content, not the window's) and every visible button that wraps its label. Runs in the
 * popup's page (Playwright's or Puppeteer's `evaluate`), so it names nothing outside itself.
 */
export function measurePopupInPage(): PopupSize {
  const main = document.querySelector('main')!.getBoundingClientRect();
  const wrapped = [...document.querySelectorAll('button, a.button')]
    .filter((button) => button.getClientRects().length > 0)
    .map((button) => {
      const style = getComputedStyle(button);
      const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
      const border = parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
      const lines = (button.getBoundingClientRect().height - padding - border) / parseFloat(style.lineHeight);
      return { text: button.textContent ?? '', lines: Math.round(lines * 10) / 10 };
    })
    .filter((button) => button.lines > 1.4);
  return { width: main.width, height: main.bottom + window.scrollY, wrapped };
}

/** A toolbar popup: at most 600 px tall, about 360 px wide, no button label on two lines. */
export function expectFits(size: PopupSize): void {
  expect(size.wrapped).toEqual([]);
  expect(size.height).toBeLessThanOrEqual(600);
  expect(size.width).toBeGreaterThanOrEqual(340);
  expect(size.width).toBeLessThanOrEqual(380);
}
