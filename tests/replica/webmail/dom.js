// @ts-check
/**
 * Small DOM helpers. Untrusted text (subjects, names, previews come straight from mail) only ever reaches the page
 * as text nodes: `el()` appends strings with Node.append and sets `text` through textContent; there is no innerHTML
 * anywhere in the webmail replica.
 */

/**
 * @typedef {Record<string, string | number | boolean | null | undefined | EventListener>} Props
 * `class`, `text`, `on<event>` are handled specially; anything else becomes an attribute.
 */

/**
 * @param {string} tag
 * @param {Props | null} [props]
 * @param {...(Node | string | null | undefined | false | Array<Node | string | null | undefined | false>)} children
 * @returns {HTMLElement}
 */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value == null || value === false) continue;
      if (key === 'class') node.className = String(value);
      else if (key === 'text') node.textContent = String(value);
      else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child != null && child !== false) node.append(child);
  }
  return node;
}

/** The Angular CDK overlay container every popup and snack bar lives in, created on first use. */
export function overlayContainer() {
  let container = document.querySelector('.cdk-overlay-container');
  if (!container) {
    container = el('div', { class: 'cdk-overlay-container' });
    document.body.append(container);
  }
  return /** @type {HTMLElement} */ (container);
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let toastTimer;

/**
 * A Material snack bar at the bottom of the page; one at a time, like the real one.
 * @param {string} message
 */
export function toast(message) {
  const container = overlayContainer();
  container.querySelector('.toast-pane')?.remove();
  const bar = el(
    'div',
    { class: 'cdk-overlay-pane toast-pane' },
    el(
      'mat-snack-bar-container',
      {
        class: 'mat-mdc-snack-bar-container mdc-snackbar--open ng-star-inserted',
        role: 'status',
        'aria-live': 'polite',
      },
      el('div', { class: 'mdc-snackbar__label', text: message }),
    ),
  );
  container.append(bar);
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => bar.remove(), 3500);
}

/**
 * A Material-looking checkbox. The native input covers the whole box so a click anywhere on it toggles it, as in MDC.
 * The check and dash marks are drawn in CSS: every node saved here is saved 500 times in a long list.
 * @param {string} label accessible name
 */
export function matCheckbox(label) {
  return el(
    'mat-checkbox',
    { class: 'mat-mdc-checkbox mat-checkbox ng-star-inserted' },
    el(
      'div',
      { class: 'mdc-checkbox' },
      el('input', { type: 'checkbox', class: 'mdc-checkbox__native-control', 'aria-label': label }),
      el('div', { class: 'mdc-checkbox__background' }),
    ),
  );
}

/**
 * Sets a mat-checkbox's visual and native state.
 * @param {Element} checkbox the mat-checkbox element
 * @param {boolean} checked
 * @param {boolean} [indeterminate]
 */
export function setCheckbox(checkbox, checked, indeterminate = false) {
  const input = /** @type {HTMLInputElement} */ (checkbox.querySelector('input'));
  input.checked = checked;
  input.indeterminate = indeterminate;
  checkbox.classList.toggle('mat-mdc-checkbox-checked', checked);
  checkbox.classList.toggle('mat-mdc-checkbox-indeterminate', indeterminate);
}

/**
 * A Material icon button.
 * @param {HTMLElement} glyph
 * @param {string} label tooltip and accessible name
 * @param {string} [extraClass]
 */
export function iconButton(glyph, label, extraClass = '') {
  return el(
    'button',
    {
      type: 'button',
      class: `mat-mdc-icon-button mat-icon-button ${extraClass}`.trim(),
      'aria-label': label,
      title: label,
    },
    glyph,
  );
}
