import type { ComponentChildren } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { fromUser } from '../from-user';

/**
 * One titled part of the report: a region named by its heading, whose heading is also the button that folds it
 * away, so a reader who only wants the delivery path can close the rest. Ids come from `useId`, so two reports on
 * one page (a thread with several opened messages) never share one.
 */
export function ReportSection({
  title,
  actions,
  initiallyOpen = true,
  reveal = false,
  testId,
  children,
}: {
  title: string;
  /** Buttons shown beside the heading, whether the section is open or not. */
  actions?: ComponentChildren;
  initiallyOpen?: boolean;
  /** Opens the section when it turns true (something in it needs the reader's eyes). */
  reveal?: boolean;
  testId?: string;
  children: ComponentChildren;
}) {
  const id = useId();
  const bodyId = `${id}-body`;
  const [open, setOpen] = useState(initiallyOpen);
  useEffect(() => {
    if (reveal) setOpen(true);
  }, [reveal]);
  return (
    <section class="hr-section" aria-labelledby={id} data-testid={testId} data-open={String(open)}>
      <div class="hr-section-head">
        <h3 class="hr-heading">
          <button
            type="button"
            id={id}
            class="hr-toggle"
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={fromUser(() => setOpen(!open))}
          >
            <svg class="hr-chevron" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
              <path
                d="M4 2.5 7.5 6 4 9.5"
                fill="none"
                stroke="currentColor"
                stroke-width="1.8"
                stroke-linecap="round"
              />
            </svg>
            {title}
          </button>
        </h3>
        {actions && <div class="hr-actions">{actions}</div>}
      </div>
      <div id={bodyId} class="hr-section-body" hidden={!open}>
        {children}
      </div>
    </section>
  );
}
