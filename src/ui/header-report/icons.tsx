/**
 * Small inline icons. Each tone has its own shape (check, cross, triangle, dash) so the report reads the same
 * without colour; they are decorative next to a word, hence aria-hidden.
 */
import type { Tone } from './tones';

const PATHS: Record<Tone, string> = {
  good: 'M4 8.5l2.5 2.5L12 5.5',
  bad: 'M5 5l6 6M11 5l-6 6',
  caution: 'M8 4.5v4.5M8 11.5v.01',
  neutral: 'M5 8h6',
};

export function ToneIcon({ tone }: { tone: Tone }) {
  return (
    <svg
      class={`hr-icon hr-icon-${tone}`}
      width="16"
      height="16"
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      {tone === 'caution' ? (
        <path d="M8 1.8l6.6 11.7H1.4z" class="hr-icon-shape" />
      ) : tone === 'bad' ? (
        <path d="M5.2 1.5h5.6l3.7 3.7v5.6l-3.7 3.7H5.2l-3.7-3.7V5.2z" class="hr-icon-shape" />
      ) : (
        <circle cx="8" cy="8" r="6.5" class="hr-icon-shape" />
      )}
      <path d={PATHS[tone]} class="hr-icon-mark" />
    </svg>
  );
}

/** The "info" variant of the neutral tone: a letter i rather than a dash. */
export function InfoIcon() {
  return (
    <svg
      class="hr-icon hr-icon-neutral"
      width="16"
      height="16"
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="8" cy="8" r="6.5" class="hr-icon-shape" />
      <path d="M8 7.2v4.3M8 4.8v.01" class="hr-icon-mark" />
    </svg>
  );
}
