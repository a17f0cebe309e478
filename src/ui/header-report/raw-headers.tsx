import { saveFile } from '../../page/save-file';
import { t } from '../../i18n';
import { fromUser } from '../from-user';
import { ReportSection } from './report-section';
import { headersFileName } from './report-file-name';

export interface RawHeadersProps {
  /** The header block exactly as received. */
  header: string;
  subject: string | null;
  onSaveText?(text: string, fileName: string): void;
}

/** The header block exactly as received, folded away until asked for, and saved as a .txt file on request. */
export function RawHeaders({ header, subject, onSaveText }: RawHeadersProps) {
  const saveText = () => {
    const fileName = headersFileName(subject, t('report_file_name_prefix'));
    if (onSaveText) onSaveText(header, fileName);
    else void saveFile(header, fileName, 'text/plain;charset=utf-8');
  };

  return (
    <ReportSection
      title={t('report_raw_title')}
      initiallyOpen={false}
      testId="raw-section"
      actions={
        <button type="button" class="hr-button" data-testid="save-headers" onClick={fromUser(saveText)}>
          {t('report_save_txt')}
        </button>
      }
    >
      <pre class="hr-raw-text" data-testid="raw-headers" tabIndex={0}>
        {header}
      </pre>
    </ReportSection>
  );
}
