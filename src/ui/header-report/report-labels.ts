/** Names and orders the report's view and its copied text share, so both say the same thing in the same order. */
import type { AuthMechanism, HeaderWarning, Severity } from '../../mail';
import type { MessageKey } from '../../i18n';

export const SEVERITY_LABELS: Record<Severity, MessageKey> = {
  error: 'report_severity_error',
  warning: 'report_severity_warning',
  info: 'report_severity_info',
};

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The most serious first. The analyser already sorts; sorting again (stably) keeps the promise for any report. */
export function sortedWarnings(warnings: readonly HeaderWarning[]): HeaderWarning[] {
  return [...warnings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

// Always all four, in the order the checks build on each other; a missing check is shown as "none", not left out.
export const AUTH_MECHANISMS: readonly AuthMechanism[] = ['spf', 'dkim', 'dmarc', 'arc'];
// The protocols' own names, the same in every language.
export const MECHANISM_NAMES: Record<AuthMechanism, string> = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC', arc: 'ARC' };
