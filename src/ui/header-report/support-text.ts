import { formatDuration, type HeaderReport, type Hop, type ReportText } from '../../mail';
import type { MessageKey } from '../../i18n';
import { hopRoute } from './hop-route';
import { AUTH_MECHANISMS, MECHANISM_NAMES, SEVERITY_LABELS, sortedWarnings } from './report-labels';

/** The translations the text is written with: the extension's catalogue in the page, a locale file in tests. */
export interface SupportTextWords {
  label(key: MessageKey, substitutions?: string | string[]): string;
  sentence(text: ReportText): string;
}

/**
 * What "Copy for support" puts on the clipboard: the report as plain text, in the order a support person reads
 * it (the verdict, the findings, the checks, the delivery path) and then the raw header block, unchanged, for
 * their own tools. Dates are the headers' own, with their zone, so the reader's time zone does not matter.
 */
export function supportText(report: HeaderReport, words: SupportTextWords): string {
  const { label, sentence } = words;
  const lines: string[] = [];
  const subject = report.summary.subject;
  lines.push(subject ? `${label('report_title')}: ${subject}` : label('report_title'));
  lines.push(`${label('report_verdict_label')}: ${sentence(report.verdict.headline)}`, '');

  lines.push(`${label('report_warnings_title')}:`);
  const warnings = sortedWarnings(report.warnings);
  if (warnings.length === 0) lines.push(`- ${label('report_no_warnings')}`);
  for (const warning of warnings) lines.push(`- ${label(SEVERITY_LABELS[warning.severity])}: ${sentence(warning)}`);
  lines.push('');

  lines.push(`${label('report_auth_title')}:`);
  for (const mechanism of AUTH_MECHANISMS) {
    const verdict = report.authentication.verdicts[mechanism];
    const passed = report.verdict.passedFor[mechanism];
    const result = passed
      ? label('report_auth_passed_for', passed.domain)
      : sentence({ key: `hdr_result_${verdict.result}`, substitutions: [] });
    const caveat = passed?.caveat ? ` (${sentence(passed.caveat)})` : '';
    lines.push(`- ${MECHANISM_NAMES[mechanism]}: ${result}${caveat}. ${sentence(verdict.reason)}`);
  }
  lines.push('');

  lines.push(`${label('report_hops_title')}:`);
  if (report.hops.hops.length === 0) lines.push(label('report_no_hops'));
  for (const hop of report.hops.hops) lines.push(hopLine(hop, label));
  if (report.hops.hops.length > 0) {
    lines.push(
      report.hops.totalSeconds === null
        ? label('report_total_unknown')
        : label('report_total_delay', formatDuration(report.hops.totalSeconds)),
    );
  }
  lines.push('', `${label('report_raw_title')}:`, report.raw.header);
  return lines.join('\n');
}

function hopLine(hop: Hop, label: SupportTextWords['label']): string {
  const route = hopRoute(hop);
  const unknown = label('report_hop_unknown_host');
  const who =
    route.kind === 'servers'
      ? `${route.from ?? unknown}${route.fromIp ? ` [${route.fromIp}]` : ''} → ${route.by ?? unknown}`
      : route.kind === 'local'
        ? `${label('report_hop_local_handover')} (${route.note})`
        : route.raw;
  const details = [
    hop.with,
    hop.date?.text ?? label('report_hop_no_date'),
    hop.delaySeconds === null ? null : delayText(hop),
    hop.entry ? label('report_hop_entry') : null,
  ].filter((part): part is string => part !== null && part !== '');
  return `${hop.number}. ${who} · ${details.join(' · ')}`;
}

function delayText(hop: Hop): string {
  const delay = formatDuration(hop.delaySeconds!);
  return hop.clockSkew ? delay : `+${delay}`;
}
