import type { ComponentChildren } from 'preact';
import type { HeaderSummary, MailAddress, Priority } from '../../mail';
import { ReportSection } from './report-section';
import { t, type MessageKey } from '../../i18n';
import { formatAddress, formatInstant } from './format';
import { uiLanguage } from './report-text';

const PRIORITY_LABELS: Record<Priority, MessageKey> = {
  high: 'report_priority_high',
  normal: 'report_priority_normal',
  low: 'report_priority_low',
};

/**
 * Who, what and when, as the headers state it. The rows a reader always looks for are shown even when the header
 * is missing (that is a finding in itself); the occasional ones only when present. Every value is text: headers
 * carry HTML and script payloads.
 */
export function SummaryList({ summary }: { summary: HeaderSummary }) {
  const missing = <span class="hr-missing">{t('report_missing')}</span>;
  const addresses = (people: readonly MailAddress[]) =>
    people.length === 0 ? missing : <AddressList people={people} />;
  const dateText = summary.date && formatInstant(summary.date.epochMs, uiLanguage());

  return (
    <ReportSection title={t('report_summary_title')}>
      <dl class="hr-fields">
        <Row label="report_field_from">{addresses(summary.from)}</Row>
        {summary.replyTo.length > 0 && <Row label="report_field_reply_to">{addresses(summary.replyTo)}</Row>}
        <Row label="report_field_return_path">
          {summary.returnPath === null
            ? missing
            : summary.returnPath === ''
              ? t('report_null_sender')
              : summary.returnPath}
        </Row>
        <Row label="report_field_to">{addresses(summary.to)}</Row>
        {summary.cc.length > 0 && <Row label="report_field_cc">{addresses(summary.cc)}</Row>}
        <Row label="report_field_subject" testId="summary-subject">
          {summary.subject === null ? missing : summary.subject === '' ? t('report_no_subject') : summary.subject}
        </Row>
        <Row label="report_field_date">
          {summary.date === null ? (
            missing
          ) : (
            <>
              {dateText ?? summary.date.text}
              {dateText && <span class="hr-aside">{summary.date.text}</span>}
            </>
          )}
        </Row>
        <Row label="report_field_message_id" mono>
          {summary.messageId ?? missing}
        </Row>
        {summary.mailer !== null && <Row label="report_field_mailer">{summary.mailer}</Row>}
        {summary.priority !== null && <Row label="report_field_priority">{t(PRIORITY_LABELS[summary.priority])}</Row>}
        {summary.readReceiptTo.length > 0 && (
          <Row label="report_field_read_receipt">{addresses(summary.readReceiptTo)}</Row>
        )}
        {summary.listUnsubscribe !== null && (
          <Row label="report_field_unsubscribe">
            {/* Shown as text, never as links: the URIs come from the sender. */}
            <ul class="hr-plain-list">
              {summary.listUnsubscribe.uris.map((uri) => (
                <li key={uri} class="hr-mono">
                  {uri}
                </li>
              ))}
            </ul>
            {summary.listUnsubscribe.oneClick && <span class="hr-aside">{t('report_unsubscribe_one_click')}</span>}
          </Row>
        )}
      </dl>
    </ReportSection>
  );
}

function Row({
  label,
  mono = false,
  testId,
  children,
}: {
  label: MessageKey;
  mono?: boolean;
  testId?: string;
  children: ComponentChildren;
}) {
  return (
    <div class="hr-field">
      <dt>{t(label)}</dt>
      <dd class={mono ? 'hr-mono' : undefined} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function AddressList({ people }: { people: readonly MailAddress[] }) {
  return (
    <ul class="hr-plain-list">
      {people.map((person, index) => (
        <li key={`${person.address}-${index}`} title={formatAddress(person)}>
          {person.name && <span class="hr-person-name">{person.name} </span>}
          <span class="hr-person-address">{person.name ? `<${person.address}>` : person.address}</span>
        </li>
      ))}
    </ul>
  );
}
