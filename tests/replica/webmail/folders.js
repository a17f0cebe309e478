// @ts-check
/**
 * The sidenav's folder tree. Infomaniak lists the system folders first in a fixed order (Inbox, Drafts, Sent,
 * Archive, Spam, Trash; the optional smart folders next to the one they belong to), then the user's folders,
 * favourites first, then by name; sub-folders are indented under their parent.
 */
import { el } from './dom.js';
import { icon } from './icons.js';

/**
 * @typedef {{ id: string, path?: string, name?: string, role?: string | null, is_favorite?: boolean,
 *   unread_count?: number, separator?: string, children?: Folder[] }} Folder
 * @typedef {{ folder: Folder, depth: number }} FolderEntry
 * @typedef {{ byId: Map<string, FolderEntry>, system: FolderEntry[], user: FolderEntry[], inboxId: string | null }} FolderIndex
 */

const ROLE_ORDER = [
  'INBOX',
  'COMMERCIAL',
  'SOCIALNETWORKS',
  'DRAFT',
  'SCHEDULED_DRAFTS',
  'SNOOZED',
  'SENT',
  'ARCHIVE',
  'SPAM',
  'TRASH',
];

/** @type {Record<string, { label: string, icon: string }>} */
const ROLES = {
  INBOX: { label: 'Inbox', icon: 'inbox' },
  COMMERCIAL: { label: 'Commercial', icon: 'tag' },
  SOCIALNETWORKS: { label: 'Social networks', icon: 'people' },
  DRAFT: { label: 'Drafts', icon: 'draft' },
  SCHEDULED_DRAFTS: { label: 'Scheduled', icon: 'schedule' },
  SNOOZED: { label: 'Snoozed', icon: 'clock' },
  SENT: { label: 'Sent', icon: 'send' },
  ARCHIVE: { label: 'Archive', icon: 'archive' },
  SPAM: { label: 'Spam', icon: 'spam' },
  TRASH: { label: 'Trash', icon: 'trash' },
};

/** Folders whose list shows recipients rather than senders. */
export const OUTGOING_ROLES = new Set(['SENT', 'DRAFT', 'SCHEDULED_DRAFTS']);

/** @param {Folder} folder */
export function folderLabel(folder) {
  return (folder.role && ROLES[folder.role]?.label) || folder.name || folder.path || folder.id;
}

/** @param {Folder} a @param {Folder} b */
function compareFolders(a, b) {
  const ra = a.role ? ROLE_ORDER.indexOf(a.role) : -1;
  const rb = b.role ? ROLE_ORDER.indexOf(b.role) : -1;
  if (ra !== rb) return (ra === -1 ? ROLE_ORDER.length : ra) - (rb === -1 ? ROLE_ORDER.length : rb);
  if (Boolean(a.is_favorite) !== Boolean(b.is_favorite)) return a.is_favorite ? -1 : 1;
  return folderLabel(a).localeCompare(folderLabel(b), undefined, { sensitivity: 'base' });
}

/**
 * @param {Folder[]} tree as returned by `GET /api/mail/{uuid}/folder`
 * @returns {FolderIndex}
 */
export function indexFolders(tree) {
  /** @type {FolderIndex} */
  const index = { byId: new Map(), system: [], user: [], inboxId: null };
  /** @param {Folder[]} folders @param {number} depth @param {FolderEntry[]} into */
  const walk = (folders, depth, into) => {
    for (const folder of [...folders].sort(compareFolders)) {
      const entry = { folder, depth };
      index.byId.set(folder.id, entry);
      into.push(entry);
      if (folder.role === 'INBOX' && !index.inboxId) index.inboxId = folder.id;
      walk(folder.children ?? [], depth + 1, into);
    }
  };
  const roots = [...(tree ?? [])].sort(compareFolders);
  walk(
    roots.filter((f) => f.role && ROLE_ORDER.includes(f.role)),
    0,
    index.system,
  );
  walk(
    roots.filter((f) => !(f.role && ROLE_ORDER.includes(f.role))),
    0,
    index.user,
  );
  index.inboxId ??= index.system[0]?.folder.id ?? index.user[0]?.folder.id ?? null;
  return index;
}

export class FolderNav {
  /**
   * @param {{ hrefFor: (folderId: string) => string, onSelect: (folderId: string) => void }} options
   */
  constructor({ hrefFor, onSelect }) {
    this.hrefFor = hrefFor;
    /** @type {Map<string, HTMLElement>} */
    this.items = new Map();
    /** @type {string | null} */
    this.activeId = null;
    this.element = el('mat-nav-list', {
      class: 'mat-mdc-nav-list mat-mdc-list-base folder-tree',
      role: 'navigation',
      'aria-label': 'Folders',
    });
    this.element.addEventListener('click', (event) => {
      const mouse = /** @type {MouseEvent} */ (event);
      const item = /** @type {HTMLElement | null} */ (/** @type {Element} */ (event.target).closest('a.folder-item'));
      // Modified clicks keep the browser's own behaviour (new tab), like a real link.
      if (!item || mouse.ctrlKey || mouse.metaKey || mouse.shiftKey || mouse.button !== 0) return;
      event.preventDefault();
      onSelect(/** @type {string} */ (item.dataset.folderId));
    });
  }

  /** @param {FolderIndex} index */
  render(index) {
    this.items.clear();
    const fragment = document.createDocumentFragment();
    for (const entry of index.system) fragment.append(this.item(entry));
    if (index.user.length) {
      fragment.append(el('div', { class: 'mat-mdc-subheader folder-section-title ng-star-inserted', text: 'Folders' }));
      for (const entry of index.user) fragment.append(this.item(entry));
    }
    this.element.replaceChildren(fragment);
    this.setActive(this.activeId);
  }

  /** @param {FolderEntry} entry */
  item({ folder, depth }) {
    const glyph = (folder.role && ROLES[folder.role]?.icon) || 'folder';
    const badge = el('span', { class: 'unread-badge mat-badge-content ng-star-inserted' });
    const item = el(
      'a',
      {
        class: 'mat-mdc-list-item mdc-list-item folder-item ng-star-inserted',
        href: this.hrefFor(folder.id),
        'data-folder-id': folder.id,
        title: folder.path || folderLabel(folder),
      },
      icon(glyph),
      el('span', { class: 'folder-name', text: folderLabel(folder) }),
      badge,
    );
    if (folder.role) item.dataset.folderRole = folder.role;
    // Indentation through a CSS variable: the CSP forbids style attributes, not the CSSOM.
    item.style.setProperty('--depth', String(depth));
    this.items.set(folder.id, item);
    setBadge(item, folder);
    return item;
  }

  /** @param {string | null} folderId */
  setActive(folderId) {
    this.activeId = folderId;
    for (const [id, item] of this.items) {
      const active = id === folderId;
      item.classList.toggle('active', active);
      if (active) item.setAttribute('aria-current', 'page');
      else item.removeAttribute('aria-current');
    }
  }

  /** Re-reads the unread counts from the (updated) folder objects. @param {FolderIndex} index */
  updateBadges(index) {
    for (const [id, item] of this.items) {
      const entry = index.byId.get(id);
      if (entry) setBadge(item, entry.folder);
    }
  }
}

/** @param {HTMLElement} item @param {Folder} folder */
function setBadge(item, folder) {
  const badge = /** @type {HTMLElement} */ (item.querySelector('.unread-badge'));
  const count = Math.max(0, Number(folder.unread_count) || 0);
  badge.textContent = count > 999 ? '999+' : String(count);
  badge.hidden = count === 0;
  item.classList.toggle('has-unread', count > 0);
}
