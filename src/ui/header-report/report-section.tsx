import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/**
 * One titled part of the report: a region named by its heading. Ids come from `useId`, so two reports on one page
 * (a thread with several opened messages) never share one.
 */
export function ReportSection({
  title,
  actions,
  children,
}: {
  title: string;
  /** Buttons shown beside the heading. */
  actions?: ComponentChildren;
  children: ComponentChildren;
}) {
  const id = useId();
  const heading = (
    <h3 id={id} class="hr-heading">
      {title}
    </h3>
  );
  return (
    <section class="hr-section" aria-labelledby={id}>
      {actions ? (
        <div class="hr-section-head">
          {heading}
          <div class="hr-actions">{actions}</div>
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}
