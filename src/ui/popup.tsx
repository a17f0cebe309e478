import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { isWebmailUrl, WEBMAIL_START_URL } from '../ksuite/hosts';
import { BrandMark } from './brand-mark';
import { t } from './i18n';
import './popup.css';

export function Popup() {
  const [onWebmail, setOnWebmail] = useState<boolean | null>(null);

  useEffect(() => {
    void browser.tabs
      .query({ active: true, currentWindow: true })
      .then(([tab]) => setOnWebmail(isWebmailUrl(tab?.url)));
  }, []);

  const openInTab = (url: string) => {
    void browser.tabs.create({ url }).then(() => window.close());
  };

  return (
    <main class="popup">
      <h1>
        <BrandMark size={22} />
        {t('extName')}
      </h1>
      {onWebmail === false && (
        <button type="button" class="button primary" onClick={() => openInTab(WEBMAIL_START_URL)}>
          {t('popupOpenWebmail')}
        </button>
      )}
      <p data-testid="popup-status">{onWebmail ? t('popupNotOnWebmail') : ''}</p>
      <nav class="links">
        <button type="button" class="button" onClick={() => openInTab(browser.runtime.getURL('/inspector.html'))}>
          {t('popupInspector')}
        </button>
        <button type="button" class="button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popupSettings')}
        </button>
      </nav>
    </main>
  );
}
