import { useEffect, useState } from 'preact/hooks';
import { checkDkimBodyHashes, type DkimBodyCheck, type DkimBodyStatus } from '../../mail/headers/dkim-body-hash';
import { ToneIcon } from './icons';
import { translateReportText } from './report-text';
import type { Tone } from './tones';

// A changed body is common and harmless (list footers, disclaimers added by a gateway), so it is a caution, not
// an alarm; so is a signature that covers only part of the body.
const BODY_TONES: Record<DkimBodyStatus, Tone> = {
  unchanged: 'good',
  unchanged_prefix: 'caution',
  changed: 'caution',
  unchecked: 'neutral',
};

/**
 * Starts the body check of a whole message once the page has had a chance to show the report: hashing a 25 MB body
 * takes a few hundred milliseconds that the report should not wait for. Only the small result is kept, not the
 * message.
 */
export function checkDkimBodiesAfterRender(message: Uint8Array): Promise<DkimBodyCheck[]> {
  return (
    new Promise<void>((resolve) => setTimeout(resolve, 0))
      .then(() => checkDkimBodyHashes(message))
      // A message we cannot split has no body to check; the report itself already says what is wrong with it.
      .catch(() => [])
  );
}

/** Under the DKIM verdict: whether the body still hashes to what each signature says, once that is known. */
export function DkimBodyLines({ checking }: { checking: Promise<DkimBodyCheck[]> }) {
  const checks = useSettled(checking);
  if (checks === null || checks.length === 0) return null;
  return (
    <div class="hr-dkim-body" data-testid="dkim-body">
      <ul class="hr-dkim-body-lines">
        {checks.map((check) => (
          <li
            key={check.headerIndex}
            class={`hr-dkim-body-line hr-tone-${BODY_TONES[check.status]}`}
            data-testid="dkim-body-line"
            data-status={check.status}
          >
            <ToneIcon tone={BODY_TONES[check.status]} />
            <span>{translateReportText(check.text)}</span>
          </li>
        ))}
      </ul>
      <p class="hr-dkim-body-note">{translateReportText({ key: 'hdr_dkim_body_note', substitutions: [] })}</p>
    </div>
  );
}

function useSettled<T>(promise: Promise<T>): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let current = true;
    setValue(null);
    void promise.then((result) => current && setValue(result));
    return () => {
      current = false;
    };
  }, [promise]);
  return value;
}
