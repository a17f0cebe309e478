import type { ActionIcon as IconName } from '../features/action';

/** 16 × 16 outlines, drawn in the text colour, for the actions' buttons. */
const PATHS: Record<IconName, string> = {
  // A box with a lid: an archive.
  zip: 'M2.5 4.5h11v9h-11zM1.5 2.5h13v2h-13zM6.5 7h3',
  // An envelope: the message itself.
  eml: 'M1.5 3.5h13v9h-13zM1.5 3.5l6.5 5 6.5-5',
  // Lines of text with a magnifier's handle: looking into the headers.
  headers: 'M2 3.5h12M2 6.5h8M2 9.5h5M10.5 9a2.5 2.5 0 1 0 0 .01M12.3 11.3l2 2',
};

export function ActionIcon({ name }: { name: IconName }) {
  return (
    <svg class="action-icon gives-way" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        stroke-width="1.4"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}
