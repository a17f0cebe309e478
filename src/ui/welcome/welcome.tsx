import { browser } from 'wxt/browser';
import { MESSAGE_ACTIONS } from '../../features';
import { t } from '../../i18n';
import { WEBMAIL_START_URL } from '../../ksuite/hosts';
import { ActionIcon } from '../action-icon';
import { AlertsSwitch } from '../alerts/alerts-switch';
import { useSettings } from '../alerts/hooks';
import { BrandMark } from '../brand-mark';
import { useShortcuts } from '../use-shortcuts';
import { explainedPermissions } from './permissions';
import { releaseNotesSince } from './release-notes';
import { ToolbarDrawing } from './toolbar-drawing';
import { WhatsNewSetting } from './whats-new-setting';
import '../alerts/alerts.css';
import './welcome.css';

/** The first-run page after install, or, after an update from `updatedFrom`, the short "what's new". */
export function Welcome({ updatedFrom }: { updatedFrom: string | null }) {
  return updatedFrom ? <WhatsNew previous={updatedFrom} /> : <FirstRun />;
}

function FirstRun() {
  return (
    <main class="page welcome" data-testid="welcome">
      <header class="welcome-head">
        <div>
          <h1>
            <BrandMark size={28} />
            {t('welcome_title')}
          </h1>
          <p>{t('welcome_intro')}</p>
        </div>
        <OpenWebmail />
      </header>

      <section>
        <h2>{t('welcome_whereTitle')}</h2>
        <ToolbarDrawing />
      </section>

      <section>
        <h2>{t('welcome_actionsTitle')}</h2>
        <ActionList />
        <p class="welcome-note">{t('welcome_shortcutsChange')}</p>
      </section>

      <section data-testid="welcome-alerts">
        <h2>{t('welcome_alertsTitle')}</h2>
        <p>{t('welcome_alertsText')}</p>
        <AlertsChoice />
      </section>

      <section>
        <h2>{t('welcome_permissionsTitle')}</h2>
        <PermissionList />
        <p class="welcome-note">{t('optionsPrivacyText')}</p>
      </section>
    </main>
  );
}

function OpenWebmail() {
  return (
    <a class="button primary" data-testid="welcome-open-webmail" href={WEBMAIL_START_URL}>
      {t('welcome_openWebmail')}
    </a>
  );
}

/** Each message action with what it does and its keyboard shortcut as bound now. */
function ActionList() {
  const shortcuts = useShortcuts();
  return (
    <ul class="welcome-actions" data-testid="welcome-actions">
      {MESSAGE_ACTIONS.filter((action) => action.message).map((action) => (
        <li key={action.id} data-action={action.id}>
          <span class="welcome-action-name">
            <ActionIcon name={action.icon} />
            {t(action.label)}
          </span>
          <span class="welcome-action-text">{t(action.tooltip)}</span>
          {shortcuts[action.id] ? (
            <kbd data-testid="welcome-shortcut">{shortcuts[action.id]}</kbd>
          ) : (
            <span class="welcome-no-shortcut">{t('welcome_noShortcut')}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * The same switch and permission control as the popup's: one place decides how alerts are switched on. Worded as in
 * the options, a sentence that does not repeat the section's heading.
 */
function AlertsChoice() {
  const settings = useSettings();
  if (!settings) return null;
  return (
    <div class="welcome-alerts">
      <AlertsSwitch settings={settings} label="pages_alertsSwitchOptions" />
    </div>
  );
}

function PermissionList() {
  return (
    <dl class="welcome-permissions" data-testid="welcome-permissions">
      {explainedPermissions().map((permission) => (
        <div key={permission.name} data-permission={permission.name}>
          <dt>
            <code>{permission.name}</code>
            {permission.optional && <span class="welcome-optional">{t('welcome_permissionOptional')}</span>}
          </dt>
          <dd>{permission.reason ? t(permission.reason) : ''}</dd>
        </div>
      ))}
    </dl>
  );
}

function WhatsNew({ previous }: { previous: string }) {
  const version = browser.runtime.getManifest().version;
  return (
    <main class="page welcome" data-testid="whats-new">
      <header class="welcome-head">
        <div>
          <h1>
            <BrandMark size={28} />
            {t('whatsNew_title')}
          </h1>
          <p>{t('whatsNew_versions', [previous, version])}</p>
        </div>
        <OpenWebmail />
      </header>
      <ul class="welcome-news" data-testid="whats-new-notes">
        {releaseNotesSince(previous, version).map((note) => (
          <li key={note}>{t(note)}</li>
        ))}
      </ul>
      <WhatsNewSetting />
    </main>
  );
}
