import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { isWebmailUrl, WEBMAIL_START_URL } from '../ksuite/hosts';
import { PopupAlerts } from './alerts/popup-alerts';
import { BrandMark } from './brand-mark';
import { PopupMessageActions } from './popup-message-actions';
import { PopupPageHealth } from './popup-page-health';
import { t } from '../i18n';
import './popup.css';

export function Popup() {
  const [activeTab, setActiveTab] = useState<{ id: number; onWebmail: boolean } | null>(null);

  useEffect(() => {
    void activeBrowserTab().then((tab) =>
      setActiveTab(tab?.id === undefined ? null : { id: tab.id, onWebmail: isWebmailUrl(tab.url) }),
    );
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
      {activeTab && !activeTab.onWebmail && (
        <button type="button" class="button primary" onClick={() => openInTab(WEBMAIL_START_URL)}>
          {t('popupOpenWebmail')}
        </button>
      )}
      {activeTab?.onWebmail && <PopupMessageActions tabId={activeTab.id} />}
      {activeTab?.onWebmail && <PopupPageHealth tabId={activeTab.id} />}
      <PopupAlerts />
      <button
        type="button"
        class="button backup-link"
        data-testid="popup-backup"
        onClick={() => openInTab(browser.runtime.getURL('/backup.html'))}
      >
        {t('popupBackup')}
      </button>
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

/**
 * The tab the user is looking at: the active tab of the last focused browser window (not of the popup's own
 * window, which is what a page opened outside the toolbar, e.g. by a keyboard shortcut, would otherwise get).
 */
async function activeBrowserTab() {
  const window = await browser.windows.getLastFocused({ windowTypes: ['normal'] });
  const [tab] = await browser.tabs.query({ active: true, windowId: window.id });
  return tab;
}
