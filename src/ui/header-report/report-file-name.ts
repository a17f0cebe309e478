import { safeFileName, subjectFileStem } from '../../mail';

const SEPARATOR = ' – ';

/**
 * The name "Save as .txt" suggests: `headers – <subject>.txt`, or `headers.txt` without a subject. The subject is
 * attacker-controlled (slashes, bidi overrides, reserved names), so it goes through the same cleaning as every
 * other file name we write. `prefix` is the translated word for "headers".
 */
export function headersFileName(subject: string | null, prefix: string): string {
  const hasSubject = subject !== null && subject.trim() !== '';
  const stem = hasSubject ? subjectFileStem(subject) : '';
  return safeFileName(stem === '' ? `${prefix}.txt` : `${prefix}${SEPARATOR}${stem}.txt`, {
    fallbackBase: prefix,
    mimeType: 'text/plain',
  });
}
