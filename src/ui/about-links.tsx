import { browser } from 'wxt/browser';
import { t } from '../i18n';

/**
 * "Version 0.1.0 · Help": the bottom line of the popup and the options page. Help is the welcome page, which is
 * shipped with the extension: what it does, where its buttons are, the shortcuts and why each permission.
 */
export function AboutLinks() {
  return (
    <span class="about-links" data-testid="about-links">
      <span data-testid="about-version">{t('pages_version', browser.runtime.getManifest().version)}</span>
      <span aria-hidden="true"> · </span>
      <a href={browser.runtime.getURL('/welcome.html')} target="_blank" data-testid="about-help">
        {t('pages_help')}
      </a>
    </span>
  );
}
