import type { RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/**
 * Whether a wrapping row of controls should drop what can go (`.gives-way`: the buttons' icons, the brand mark, the
 * words of the risky-files chip, which keeps its count) to stay on one row: those are the first things to give up
 * when the webmail's reading pane is narrow (a message with several files, in German, at 1280 px; a message with
 * risky files), before the row wraps. Only where even that is not enough does it wrap.
 *
 * Measured, not guessed from the window: the row's controls are added up with what can go (its room is
 * remembered while it is shown) and compared with the row's width, whenever the row resizes or `content`
 * changes. A handful of reads of laid-out sizes: no task to speak of.
 */
export function useIconsFitOneRow(content: string): { rowRef: RefObject<HTMLDivElement>; compact: boolean } {
  const rowRef = useRef<HTMLDivElement>(null);
  const [compact, setCompact] = useState(false);
  const iconRoom = useRef(0);

  useLayoutEffect(() => {
    const row = rowRef.current;
    if (!row) return;
    const measure = () => {
      const style = getComputedStyle(row);
      const gap = parseFloat(style.columnGap) || 0;
      const controls = [...row.children] as HTMLElement[];
      // SVG elements have no offsetWidth: their laid-out box says it (0 while hidden).
      const optional = [...row.querySelectorAll<Element>('.gives-way')];
      const widthOf = (element: Element) => element.getBoundingClientRect().width;
      const shown = optional.filter((element) => widthOf(element) > 0);
      if (shown.length > 0) {
        // Each takes its width and the gap after it, in its button or in the row.
        iconRoom.current = shown.reduce((sum, element) => {
          const gap = parseFloat(getComputedStyle(element.parentElement!).columnGap) || 0;
          return sum + widthOf(element) + gap;
        }, 0);
      }
      const withIcons =
        controls.reduce((sum, control) => sum + control.offsetWidth, 0) +
        gap * Math.max(0, controls.length - 1) +
        (shown.length > 0 ? 0 : iconRoom.current);
      const room = row.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      setCompact(withIcons > room + 0.5);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(row);
    return () => observer.disconnect();
  }, [content]);

  return { rowRef, compact };
}
