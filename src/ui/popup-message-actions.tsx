import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { OpenedMessageDescription, PageRequest } from '../page/page-messages';
import { t } from '../i18n';

/**
 * The message actions (as the page describes them) for the message opened in the active webmail tab. They run in the page, where
 * their progress and any error show on the message itself; the popup closes.
 */
export function PopupMessageActions({ tabId }: { tabId: number }) {
  const [message, setMessage] = useState<OpenedMessageDescription | null>(null);

  useEffect(() => {
    const request: PageRequest = { type: 'describe-opened-message' };
    browser.tabs
      .sendMessage(tabId, request)
      .then((answer) => setMessage((answer as OpenedMessageDescription | undefined) ?? null))
      .catch(() => setMessage(null)); // no frame has an opened message (or the page is still loading)
  }, [tabId]);

  if (!message) return <p data-testid="popup-status">{t('popupNotOnWebmail')}</p>;

  const run = async (action: string) => {
    const request: PageRequest = { type: 'run-message-action', action, target: 'opened' };
    await browser.tabs.sendMessage(tabId, request);
    window.close();
  };

  return (
    <section
      class="message-actions"
      data-testid="popup-message-actions"
      data-message-uid={message.uid}
      aria-label={t('popup_openedMessage')}
    >
      <p class="subject" title={t('popup_openedMessage')}>
        {message.subject ?? t('noSubject')}
      </p>
      <div class="links">
        {message.actions.map((action) => (
          <button
            key={action.id}
            type="button"
            class="button"
            data-action={action.id}
            title={action.tooltip}
            onClick={() => void run(action.id)}
          >
            {action.label}
          </button>
        ))}
      </div>
    </section>
  );
}
