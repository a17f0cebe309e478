import { browser } from 'wxt/browser';
import { t } from '../i18n';
import { HELP_URL } from './project-links';

/** "Version 0.1.0 · Help": the bottom line of the popup and the options page. */
export function AboutLinks() {
  return (
    <span class="about-links" data-testid="about-links">
      <span data-testid="about-version">{t('pages_version', browser.runtime.getManifest().version)}</span>
      <span aria-hidden="true"> · </span>
      <a href={HELP_URL} target="_blank" rel="noreferrer" data-testid="about-help">
        {t('pages_help')}
      </a>
    </span>
  );
}
