import { MESSAGE_ACTIONS } from '../../features';
import { t } from '../../i18n';
import { ActionIcon } from '../action-icon';
import { BrandMark } from '../brand-mark';

/**
 * Where the toolbar appears, drawn in HTML and CSS (no picture of the webmail to fetch or keep up to date): the
 * webmail's folders, its message list and an opened message, with our toolbar above the message's reply buttons.
 */
export function ToolbarDrawing() {
  const actions = MESSAGE_ACTIONS.filter((action) => action.message);
  return (
    <figure class="drawing" data-testid="welcome-drawing">
      <div class="drawing-window" aria-hidden="true">
        <div class="drawing-folders">
          <i />
          <i />
          <i />
          <i />
        </div>
        <div class="drawing-list">
          {[0, 1, 2, 3, 4].map((row) => (
            <div key={row} class={row === 1 ? 'drawing-row opened' : 'drawing-row'}>
              <i />
              <i />
            </div>
          ))}
        </div>
        <div class="drawing-message">
          <div class="drawing-subject" />
          <div class="drawing-text">
            <i />
            <i />
            <i />
          </div>
          <div class="drawing-toolbar">
            <BrandMark size={16} />
            {actions.map((action) => (
              <span key={action.id} class="drawing-button">
                <ActionIcon name={action.icon} />
                {t(action.label)}
              </span>
            ))}
          </div>
          <div class="drawing-footer">
            <i />
            <i />
          </div>
        </div>
      </div>
      <figcaption>{t('welcome_whereText')}</figcaption>
    </figure>
  );
}
