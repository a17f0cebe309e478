import { useState } from 'preact/hooks';
import { BrandMark } from './brand-mark';
import { t } from './i18n';

export function Inspector() {
  const [headers, setHeaders] = useState('');
  return (
    <main class="page">
      <h1>
        <BrandMark size={24} />
        {t('inspectorTitle')}
      </h1>
      <p>{t('inspectorIntro')}</p>
      <label>
        <h2>{t('inspectorInputLabel')}</h2>
        <textarea
          data-testid="headers-input"
          spellcheck={false}
          value={headers}
          onInput={(event) => setHeaders(event.currentTarget.value)}
        />
      </label>
    </main>
  );
}
