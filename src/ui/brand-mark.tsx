/** The product mark: an envelope on Infomaniak blue with a zip pull, drawn to match the toolbar icon. */
export function BrandMark({ size = 16 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 128 128" aria-hidden="true" focusable="false">
      <rect width="128" height="128" rx="28" fill="#0098FF" />
      <rect x="22" y="36" width="84" height="60" rx="8" fill="#fff" />
      <path d="M26 42l38 28 38-28" fill="none" stroke="#0098FF" stroke-width="8" stroke-linejoin="round" />
      <circle cx="98" cy="94" r="20" fill="#0B3B60" />
      <path d="M98 82v18m-7-7l7 7 7-7" fill="none" stroke="#fff" stroke-width="5" stroke-linecap="round" />
    </svg>
  );
}
