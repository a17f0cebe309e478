import { browser } from 'wxt/browser';
import { AboutLinks } from './about-links';
import { AlertsSettings } from './alerts/options-alerts';
import { DownloadSettings } from './alerts/options-downloads';
import { TokenSettings } from './alerts/options-token';
import { BrandMark } from './brand-mark';
import { ReportProblem } from './report-problem';
import { SavedNotice } from './saved-notice';
import { t } from '../i18n';
import { WhatsNewSetting } from './welcome/whats-new-setting';
import './options.css';

export function Options() {
  return (
    <SavedNotice>
      <main class="page options">
        <h1>
          <BrandMark size={24} />
          {t('optionsTitle')}
        </h1>
        <AlertsSettings />
        <DownloadSettings />
        <TokenSettings />
        <section class="settings-section">
          <h2>{t('optionsBackupTitle')}</h2>
          <p>{t('optionsBackupText')}</p>
          <a class="button" data-testid="options-backup" href={browser.runtime.getURL('/backup.html')} target="_blank">
            {t('optionsBackupOpen')}
          </a>
        </section>
        <section class="settings-section" data-testid="options-welcome">
          <h2>{t('welcome_optionsTitle')}</h2>
          <WhatsNewSetting />
          <a class="button" href={browser.runtime.getURL('/welcome.html')} target="_blank">
            {t('welcome_optionsOpen')}
          </a>
        </section>
        <section class="settings-section">
          <h2>{t('optionsPrivacyTitle')}</h2>
          <p data-testid="privacy-text">{t('optionsPrivacyText')}</p>
        </section>
        <footer class="options-footer">
          <AboutLinks />
          <ReportProblem />
        </footer>
      </main>
    </SavedNotice>
  );
}
