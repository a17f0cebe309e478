import { browser } from 'wxt/browser';
import { AlertsSettings } from './alerts/options-alerts';
import { DownloadSettings } from './alerts/options-downloads';
import { TokenSettings } from './alerts/options-token';
import { BrandMark } from './brand-mark';
import { t } from '../i18n';
import { WhatsNewSetting } from './welcome/whats-new-setting';

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
      <section data-testid="options-welcome">
        <h2>{t('welcome_optionsTitle')}</h2>
        <WhatsNewSetting />
        <a class="button" href={browser.runtime.getURL('/welcome.html')} target="_blank">
          {t('welcome_optionsOpen')}
        </a>
      </section>
      <section>
        <h2>{t('optionsPrivacyTitle')}</h2>
        <p data-testid="privacy-text">{t('optionsPrivacyText')}</p>
      </section>
    </main>
  );
}
