import { BrandMark } from './brand-mark';
import { t } from './i18n';

/** The strip the extension adds above an opened message's footer; the actions attach to it. */
export function MessageToolbar() {
  return (
    <div class="toolbar" role="toolbar" aria-label={t('extName')}>
      <BrandMark size={18} />
      <span class="name">{t('extShortName')}</span>
      <span class="hint">{t('toolbarReady')}</span>
    </div>
  );
}
