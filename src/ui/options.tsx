import { browser } from 'wxt/browser';
import { AlertsSettings } from './alerts/options-alerts';
import { DownloadSettings } from './alerts/options-downloads';
import { TokenSettings } from './alerts/options-token';
import { BrandMark } from './brand-mark';
import { t } from '../i18n';

export function Options() {
  return (
    <main class="page">
      <h1>
        <BrandMark size={24} />
        {t('optionsTitle')}
      </h1>
      <AlertsSettings />
      <DownloadSettings />
      <TokenSettings />
      <section>
        <h2>{t('optionsBackupTitle')}</h2>
        <p>{t('optionsBackupText')}</p>
        <a class="button" data-testid="options-backup" href={browser.runtime.getURL('/backup.html')} target="_blank">
          {t('optionsBackupOpen')}
        </a>
      </section>
      <section>
        <h2>{t('optionsPrivacyTitle')}</h2>
        <p data-testid="privacy-text">{t('optionsPrivacyText')}</p>
      </section>
    </main>
  );
}
