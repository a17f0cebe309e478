import { useState } from 'preact/hooks';
import { maskToken, removeApiToken, setApiToken } from '../../settings';
import { t } from '../../i18n';
import { useSaving } from '../saved-notice';
import { useApiToken } from './hooks';
import './alerts.css';

/** Options: the optional personal API token, shown masked once saved, removable. */
export function TokenSettings() {
  const token = useApiToken();
  const [draft, setDraft] = useState('');
  const [invalid, setInvalid] = useState(false);
  const { saved } = useSaving();
  if (token === undefined) return null;

  const save = async (event: Event) => {
    event.preventDefault();
    const ok = await setApiToken(draft);
    setInvalid(!ok);
    if (!ok) return;
    setDraft('');
    saved();
  };

  return (
    <section class="settings-section" data-testid="settings-token">
      <h2>{t('settings_tokenTitle')}</h2>
      <p>{t('settings_tokenHint')}</p>
      {token ? (
        <div class="settings-row">
          <code data-testid="settings-token-masked">{maskToken(token)}</code>
          <button
            type="button"
            class="button alerts-small"
            data-testid="settings-token-remove"
            onClick={() => void removeApiToken().then(saved)}
          >
            {t('settings_tokenRemove')}
          </button>
        </div>
      ) : (
        <form class="settings-row" onSubmit={(e) => void save(e)}>
          <input
            type="password"
            autocomplete="off"
            spellcheck={false}
            data-testid="settings-token-input"
            aria-label={t('settings_tokenTitle')}
            placeholder={t('settings_tokenPlaceholder')}
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <button type="submit" class="button alerts-small" data-testid="settings-token-save">
            {t('settings_tokenSave')}
          </button>
        </form>
      )}
      {invalid && <p class="settings-error">{t('settings_tokenInvalid')}</p>}
    </section>
  );
}
