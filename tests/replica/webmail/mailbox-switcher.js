// @ts-check
/**
 * The mailbox switcher of the top bar. The web URL's first segment is the mailbox's position in the list sorted
 * primary-first, then by address; the switcher shows the same order.
 */
import { el, overlayContainer } from './dom.js';
import { icon } from './icons.js';
import { avatarColor, initials } from './format.js';

/**
 * @typedef {{ uuid: string, email: string, mailbox?: string, is_primary?: boolean, is_locked?: boolean,
 *   unseen_messages?: number, aliases?: unknown[] }} Mailbox
 */

/**
 * @param {Mailbox[]} mailboxes
 * @returns {Mailbox[]}
 */
export function sortMailboxes(mailboxes) {
  return [...(mailboxes ?? [])].sort((a, b) => {
    if (Boolean(a.is_primary) !== Boolean(b.is_primary)) return a.is_primary ? -1 : 1;
    return compareCodePoints(a.email, b.email);
  });
}

/**
 * Swift's `<` on strings, as Infomaniak's iOS app sorts mailboxes for its webmail links: code points of the NFC forms.
 * @param {string} a
 * @param {string} b
 */
function compareCodePoints(a, b) {
  const left = [...a.normalize('NFC')];
  const right = [...b.normalize('NFC')];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference =
      /** @type {number} */ (left[i]?.codePointAt(0)) - /** @type {number} */ (right[i]?.codePointAt(0));
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

export class MailboxSwitcher {
  /** @param {{ onSelect: (index: number) => void }} options */
  constructor({ onSelect }) {
    this.onSelect = onSelect;
    /** @type {Mailbox[]} */
    this.mailboxes = [];
    this.index = -1;
    /** @type {HTMLElement | null} */
    this.menu = null;
    this.avatar = el('span', { class: 'avatar avatar-small' });
    this.label = el('span', { class: 'current-mailbox', text: '' });
    this.unseen = el('span', { class: 'mailbox-unseen mat-badge-content' });
    this.element = el(
      'button',
      {
        type: 'button',
        class: 'mailbox-switcher mat-mdc-button mat-mdc-menu-trigger',
        'aria-haspopup': 'menu',
        'aria-expanded': 'false',
        title: 'Switch mailbox',
      },
      this.avatar,
      this.label,
      this.unseen,
      icon('chevron-down'),
    );
    this.element.addEventListener('click', () => (this.menu ? this.close() : this.open()));
    this.onDocumentClick = (/** @type {Event} */ event) => {
      const target = /** @type {Node} */ (event.target);
      if (!this.element.contains(target) && !this.menu?.contains(target)) this.close();
    };
    this.onKey = (/** @type {KeyboardEvent} */ event) => {
      if (event.key === 'Escape') this.close();
    };
  }

  /** @param {Mailbox[]} mailboxes sorted @param {number} index */
  update(mailboxes, index) {
    this.mailboxes = mailboxes;
    this.index = index;
    const current = mailboxes[index];
    this.label.textContent = current?.email ?? '';
    this.element.dataset.mailboxIndex = String(index);
    this.avatar.className = `avatar avatar-small ${avatarColor(current)}`;
    this.avatar.textContent = initials({ email: current?.email });
    const otherUnseen = mailboxes.reduce(
      (sum, m, i) => (i === index ? sum : sum + (Number(m.unseen_messages) || 0)),
      0,
    );
    // Like the real switcher, the badge tells about unread mail elsewhere, since the current one is in the sidenav.
    this.unseen.textContent = String(otherUnseen);
    this.unseen.hidden = otherUnseen === 0;
    if (this.menu) this.renderMenu();
  }

  open() {
    this.menu = el('div', {
      class: 'cdk-overlay-pane mailbox-menu-pane',
    });
    this.renderMenu();
    overlayContainer().append(this.menu);
    const rect = this.element.getBoundingClientRect();
    this.menu.style.setProperty('--menu-top', `${rect.bottom + 6}px`);
    this.menu.style.setProperty('--menu-left', `${rect.left}px`);
    this.element.setAttribute('aria-expanded', 'true');
    document.addEventListener('mousedown', this.onDocumentClick, true);
    document.addEventListener('keydown', this.onKey);
  }

  renderMenu() {
    if (!this.menu) return;
    const panel = el(
      'div',
      { class: 'mat-mdc-menu-panel mailbox-menu ng-star-inserted', role: 'menu' },
      el('div', { class: 'mailbox-menu-title', text: 'Mailboxes' }),
    );
    this.mailboxes.forEach((mailbox, index) => {
      const count = Number(mailbox.unseen_messages) || 0;
      const option = el(
        'button',
        {
          type: 'button',
          role: 'menuitemradio',
          'aria-checked': String(index === this.index),
          class: `mat-mdc-menu-item mailbox-option${index === this.index ? ' active' : ''}`,
          'data-mailbox-index': index,
        },
        el('span', { class: `avatar avatar-small ${avatarColor(mailbox)}`, text: initials({ email: mailbox.email }) }),
        el(
          'span',
          { class: 'mailbox-option-text' },
          el('span', { class: 'mailbox-option-email', text: mailbox.email }),
          mailbox.is_primary ? el('span', { class: 'mailbox-option-note', text: 'Main address' }) : null,
        ),
        count ? el('span', { class: 'mat-badge-content', text: String(count) }) : null,
      );
      option.addEventListener('click', () => {
        this.close();
        if (index !== this.index) this.onSelect(index);
      });
      panel.append(option);
    });
    this.menu.replaceChildren(panel);
  }

  close() {
    this.menu?.remove();
    this.menu = null;
    this.element.setAttribute('aria-expanded', 'false');
    document.removeEventListener('mousedown', this.onDocumentClick, true);
    document.removeEventListener('keydown', this.onKey);
  }
}
