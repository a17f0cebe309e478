import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { isWebmailUrl, WEBMAIL_START_URL } from '../ksuite/hosts';
import { AboutLinks } from './about-links';
import { usePollRecord } from './alerts/hooks';
import { PopupAlerts } from './alerts/popup-alerts';
import { BrandMark } from './brand-mark';
import { PopupMessageActions } from './popup-message-actions';
import { PopupPageHealth } from './popup-page-health';
import { t } from '../i18n';
import './popup.css';

export function Popup() {
  const [activeTab, setActiveTab] = useState<{ id: number; onWebmail: boolean } | null>(null);
  const record = usePollRecord();

  useEffect(() => {
    void activeBrowserTab().then((tab) =>
      setActiveTab(tab?.id === undefined ? null : { id: tab.id, onWebmail: isWebmailUrl(tab.url) }),
    );
  }, []);

  const openInTab = (url: string) => {
    void browser.tabs.create({ url }).then(() => window.close());
  };

  // Signed out, the mail part's "Sign in" is the one thing to do; a second button to the webmail would compete.
  const signedOut = record?.status === 'signed_out';
  return (
    <main class="popup">
      <h1>
        <BrandMark size={20} />
        {t('extName')}
      </h1>
      {activeTab && !activeTab.onWebmail && record && !signedOut && (
        <button type="button" class="button primary open-webmail" onClick={() => openInTab(WEBMAIL_START_URL)}>
          {t('popupOpenWebmail')}
        </button>
      )}
      {activeTab?.onWebmail && <PopupMessageActions tabId={activeTab.id} />}
      {activeTab?.onWebmail && <PopupPageHealth tabId={activeTab.id} />}
      <PopupAlerts />
      <nav class="popup-tools">
        <button
          type="button"
          class="button"
          data-testid="popup-backup"
          onClick={() => openInTab(browser.runtime.getURL('/backup.html'))}
        >
          {t('popupBackup')}
        </button>
        <button type="button" class="button" onClick={() => openInTab(browser.runtime.getURL('/inspector.html'))}>
          {t('popupInspector')}
        </button>
      </nav>
      <footer class="popup-footer">
        <AboutLinks />
        <button
          type="button"
          class="text-button"
          data-testid="popup-settings"
          onClick={() => void browser.runtime.openOptionsPage()}
        >
          {t('popupSettings')}
        </button>
      </footer>
    </main>
  );
}

/**
 * The tab the user is looking at: the active tab of the last focused browser window (not of the popup's own
 * window, which is what a page opened outside the toolbar, e.g. by a keyboard shortcut, would otherwise get).
 */
async function activeBrowserTab() {
  const window = await browser.windows.getLastFocused({ windowTypes: ['normal'] });
  const [tab] = await browser.tabs.query({ active: true, windowId: window.id });
  return tab;
}
