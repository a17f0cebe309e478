import type { BackupFormat } from '../../backup';
import { t } from '../../i18n';
import { rangeIsBackwards, type DateRange } from './chosen-folders';

/** The optional day range: only messages from, until, or between these days. */
export function DateRangeFields(props: { range: DateRange; onChange: (range: DateRange) => void; disabled?: boolean }) {
  const { range, onChange, disabled } = props;
  return (
    <fieldset class="backup-fieldset">
      <legend>{t('backup_dateRange')}</legend>
      <div class="backup-dates">
        <label>
          {t('backup_dateFrom')}
          <input
            type="date"
            data-testid="backup-from"
            value={range.from}
            max={range.to || undefined}
            disabled={disabled}
            onInput={(event) => onChange({ ...range, from: event.currentTarget.value })}
          />
        </label>
        <label>
          {t('backup_dateTo')}
          <input
            type="date"
            data-testid="backup-to"
            value={range.to}
            min={range.from || undefined}
            disabled={disabled}
            onInput={(event) => onChange({ ...range, to: event.currentTarget.value })}
          />
        </label>
      </div>
      <p class="backup-hint">{t('backup_dateRangeHint')}</p>
      {rangeIsBackwards(range) && (
        <p class="backup-problem" role="alert">
          {t('backup_dateRangeBackwards')}
        </p>
      )}
    </fieldset>
  );
}

const FORMATS: { format: BackupFormat; label: 'backup_formatEml' | 'backup_formatMbox' }[] = [
  { format: 'eml', label: 'backup_formatEml' },
  { format: 'mbox', label: 'backup_formatMbox' },
];

/** One .eml file per message in a mirror of the folder tree, or one mbox file per folder. */
export function FormatChoice(props: {
  format: BackupFormat;
  onChange: (format: BackupFormat) => void;
  disabled?: boolean;
}) {
  return (
    <fieldset class="backup-fieldset">
      <legend>{t('backup_format')}</legend>
      {FORMATS.map(({ format, label }) => (
        <label key={format} class="backup-choice">
          <input
            type="radio"
            name="backup-format"
            value={format}
            checked={props.format === format}
            disabled={props.disabled}
            onChange={() => props.onChange(format)}
          />
          {t(label)}
        </label>
      ))}
    </fieldset>
  );
}
