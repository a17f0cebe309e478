// @ts-check
/**
 * The message list: one row per thread. Rows are cloned from a template and appended through a DocumentFragment
 * (500 rows in a few milliseconds); every mail-derived string goes in as textContent.
 */
import { el, iconButton, matCheckbox, setCheckbox } from './dom.js';
import { icon } from './icons.js';
import { avatarColor, contactName, initials, listDate } from './format.js';

/**
 * @typedef {import('./format.js').Contact} Contact
 * @typedef {{ uid: string, folder_id?: string, resource: string, date?: string, seen?: boolean, preview?: string,
 *   subject?: string, from?: Contact[] }} MessageSummary
 * @typedef {{ uid: string, messages: MessageSummary[], unseen_messages?: number, from?: Contact[], to?: Contact[],
 *   subject?: string, date?: string, has_attachments?: boolean, flagged?: boolean, answered?: boolean,
 *   forwarded?: boolean }} Thread
 */

/** The short uid of a message uid `{shortUid}@{folderId}`. @param {string} uid */
export function shortUidOf(uid) {
  const at = uid.indexOf('@');
  return at === -1 ? uid : uid.slice(0, at);
}

/** @param {Thread} thread */
function latestMessage(thread, folderId = '') {
  const messages = thread.messages ?? [];
  const inFolder = messages.filter((m) => (m.folder_id ?? m.uid.slice(m.uid.indexOf('@') + 1)) === folderId);
  const pool = inFolder.length ? inFolder : messages;
  let latest = pool[0];
  for (const message of pool) if ((message.date ?? '') >= (latest?.date ?? '')) latest = message;
  return latest;
}

/**
 * The short uid a thread's URL names: its latest message in the folder being shown.
 * @param {Thread} thread @param {string} folderId
 */
export function threadRouteUid(thread, folderId) {
  const message = latestMessage(thread, folderId);
  return message ? shortUidOf(message.uid) : thread.uid;
}

/**
 * The loaded thread a URL's short uid names (any of its messages, or the thread uid itself).
 * @param {Thread[]} threads @param {string} routeUid @param {string} folderId
 */
export function findThread(threads, routeUid, folderId) {
  const matches = (/** @type {MessageSummary} */ m, /** @type {boolean} */ sameFolder) =>
    shortUidOf(m.uid) === routeUid && (!sameFolder || m.uid.endsWith(`@${folderId}`));
  return (
    threads.find((t) => t.messages?.some((m) => matches(m, true))) ??
    threads.find((t) => t.messages?.some((m) => matches(m, false))) ??
    threads.find((t) => t.uid === routeUid) ??
    null
  );
}

/** @param {Contact[] | undefined} contacts */
function contactList(contacts) {
  const seen = new Set();
  const names = [];
  for (const contact of contacts ?? []) {
    const key = (contact.email || contact.name || '').toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(contactName(contact));
  }
  return names.join(', ');
}

/** @type {HTMLElement | null} */
let rowTemplate = null;

function buildRowTemplate() {
  return el(
    'app-thread-item',
    { class: 'thread-item ng-star-inserted', role: 'option', 'aria-selected': 'false' },
    matCheckbox('Select this conversation'),
    el('span', { class: 'avatar', 'aria-hidden': 'true' }),
    el(
      'div',
      { class: 'thread-item-content' },
      el(
        'div',
        { class: 'thread-item-top' },
        el('span', { class: 'thread-from' }),
        el('span', { class: 'thread-count' }),
        el('span', { class: 'thread-icons' }),
        el('time', { class: 'thread-date' }),
      ),
      el('div', { class: 'thread-subject' }),
      el('div', { class: 'thread-preview' }),
    ),
  );
}

export class ThreadList {
  /**
   * @param {{ onOpen: (thread: Thread) => void, onLoadMore: () => void, onRefresh: () => void,
   *   onMarkRead: (threads: Thread[]) => void, onUnavailable: (what: string) => void }} handlers
   */
  constructor(handlers) {
    this.handlers = handlers;
    /** @type {Thread[]} */
    this.threads = [];
    /** @type {Map<string, HTMLElement>} */
    this.rows = new Map();
    /** @type {Map<string, number>} */
    this.positions = new Map();
    /** @type {Set<string>} */
    this.selected = new Set();
    this.anchor = -1;
    /** @type {string | null} */
    this.openUid = null;
    this.folderId = '';
    this.outgoing = false;

    this.selectAll = matCheckbox('Select all');
    this.selectAll.classList.add('select-all');
    this.selectAll.addEventListener('click', () => this.toggleAll());
    this.title = el('h2', { class: 'folder-title' });
    this.total = el('span', { class: 'thread-total' });
    this.selectionCount = el('span', { class: 'selection-count' });
    const markRead = iconButton(icon('mail-open'), 'Mark as read', 'mark-read-button');
    markRead.addEventListener('click', () => this.handlers.onMarkRead(this.selectedThreads()));
    const archive = iconButton(icon('archive'), 'Archive');
    archive.addEventListener('click', () => this.handlers.onUnavailable('Archive'));
    const remove = iconButton(icon('trash'), 'Delete');
    remove.addEventListener('click', () => this.handlers.onUnavailable('Delete'));
    const refresh = iconButton(icon('refresh'), 'Refresh', 'refresh-button');
    refresh.addEventListener('click', () => this.handlers.onRefresh());

    this.header = el(
      'div',
      { class: 'thread-list-header' },
      this.selectAll,
      el('div', { class: 'thread-list-title' }, this.title, this.total),
      el('div', { class: 'thread-list-selection' }, this.selectionCount, markRead, archive, remove),
      refresh,
    );
    this.progress = el(
      'mat-progress-bar',
      { class: 'mat-mdc-progress-bar mdc-linear-progress', role: 'progressbar', hidden: true },
      el('div', { class: 'mdc-linear-progress__bar' }),
    );
    this.list = el('div', {
      class: 'thread-list',
      role: 'listbox',
      'aria-multiselectable': 'true',
      'aria-label': 'Conversations',
    });
    this.more = el('div', { class: 'thread-list-more', hidden: true, text: 'Loading more conversations…' });
    this.scroller = el('div', { class: 'thread-list-scroll' }, this.list, this.more);
    this.element = el(
      'app-thread-list',
      { class: 'thread-list-pane ng-star-inserted' },
      this.header,
      this.progress,
      this.scroller,
    );

    this.list.addEventListener('mousedown', (event) => {
      // Shift-click selects a range; keep the browser from also selecting text.
      if (event.shiftKey) event.preventDefault();
    });
    this.list.addEventListener('click', (event) => this.onClick(/** @type {MouseEvent} */ (event)));
    this.scroller.addEventListener(
      'scroll',
      () => {
        const { scrollTop, clientHeight, scrollHeight } = this.scroller;
        if (scrollTop + clientHeight > scrollHeight - 400) this.handlers.onLoadMore();
      },
      { passive: true },
    );
  }

  /** @param {string} title */
  showLoading(title) {
    this.title.textContent = title;
    this.total.textContent = '';
    this.threads = [];
    this.rows.clear();
    this.positions.clear();
    this.selected.clear();
    this.anchor = -1;
    this.list.replaceChildren();
    this.more.hidden = true;
    this.setBusy(true);
    this.updateSelectionUi();
  }

  /** @param {boolean} busy */
  setBusy(busy) {
    this.progress.hidden = !busy;
    this.element.classList.toggle('loading', busy);
  }

  /**
   * Replaces the rows; the selection survives for threads still listed (a poll refresh must not drop it).
   * @param {Thread[]} threads
   * @param {{ title: string, total: number, folderId: string, outgoing: boolean }} context
   */
  render(threads, { title, total, folderId, outgoing }) {
    this.folderId = folderId;
    this.outgoing = outgoing;
    this.title.textContent = title;
    this.total.textContent = total ? `${total} message${total === 1 ? '' : 's'}` : '';
    this.threads = [];
    this.rows.clear();
    this.positions.clear();
    const kept = new Set(threads.map((t) => t.uid).filter((uid) => this.selected.has(uid)));
    this.selected = kept;
    this.anchor = -1;
    this.list.replaceChildren(this.buildRows(threads));
    if (!threads.length) {
      this.list.append(
        el(
          'div',
          { class: 'thread-list-empty ng-star-inserted' },
          icon('mail'),
          el('p', { text: 'No messages in this folder' }),
        ),
      );
    }
    this.setBusy(false);
    this.updateSelectionUi();
  }

  /** @param {Thread[]} threads a further page */
  append(threads) {
    this.list.append(this.buildRows(threads));
    this.updateSelectionUi();
  }

  /** @param {boolean} visible */
  setLoadingMore(visible) {
    this.more.hidden = !visible;
  }

  /** @param {Thread[]} threads */
  buildRows(threads) {
    rowTemplate ??= buildRowTemplate();
    const fragment = document.createDocumentFragment();
    const now = new Date();
    for (const thread of threads) {
      if (this.rows.has(thread.uid)) continue;
      const row = /** @type {HTMLElement} */ (rowTemplate.cloneNode(true));
      row.setAttribute('data-thread-uid', thread.uid);
      this.fillRow(row, thread, now);
      this.positions.set(thread.uid, this.threads.length);
      this.threads.push(thread);
      this.rows.set(thread.uid, row);
      if (this.selected.has(thread.uid)) this.paintSelected(row, true);
      if (thread.uid === this.openUid) row.classList.add('is-open');
      fragment.append(row);
    }
    return fragment;
  }

  /**
   * Fills a row cloned from the template (or redraws an existing one). Kept to the fewest DOM writes that make the
   * row: this runs once per row of a possibly very long list.
   * @param {HTMLElement} row @param {Thread} thread @param {Date} now
   */
  fillRow(row, thread, now) {
    const avatar = /** @type {HTMLElement} */ (row.children[1]);
    const content = /** @type {HTMLElement} */ (row.children[2]);
    const top = /** @type {HTMLElement} */ (content.firstElementChild);
    const from = /** @type {HTMLElement} */ (top.children[0]);
    const count = /** @type {HTMLElement} */ (top.children[1]);
    const icons = /** @type {HTMLElement} */ (top.children[2]);
    const date = /** @type {HTMLElement} */ (top.children[3]);
    const subject = /** @type {HTMLElement} */ (content.children[1]);
    const preview = /** @type {HTMLElement} */ (content.children[2]);

    const people = this.outgoing ? thread.to : thread.from;
    const names = contactList(people);
    from.textContent = this.outgoing ? `To: ${names}` : names || '(no sender)';
    avatar.textContent = initials(people?.[0]);
    avatar.className = `avatar ${avatarColor(people?.[0])}`;

    const messageCount = thread.messages?.length ?? 0;
    count.textContent = messageCount > 1 ? String(messageCount) : '';
    if (icons.firstChild) icons.replaceChildren();
    if (thread.has_attachments) icons.append(icon('attachment'));
    if (thread.flagged) icons.append(icon('star'));
    if (thread.answered) icons.append(icon('reply'));

    date.textContent = listDate(thread.date, now);
    date.setAttribute('datetime', thread.date ?? '');

    const text = (thread.subject ?? '').trim();
    subject.textContent = text || '(no subject)';
    if (!text || subject.classList.contains('no-subject')) subject.classList.toggle('no-subject', !text);
    preview.textContent = latestMessage(thread, this.folderId)?.preview ?? '';

    const classes = ['thread-item', 'ng-star-inserted'];
    if ((Number(thread.unseen_messages) || 0) > 0) classes.push('unseen');
    if (thread.has_attachments) classes.push('has-attachments');
    if (thread.flagged) classes.push('flagged');
    if (row.classList.contains('selected')) classes.push('selected');
    if (row.classList.contains('is-open')) classes.push('is-open');
    row.className = classes.join(' ');
  }

  /** Redraws one row after its thread changed (e.g. it was read). @param {Thread} thread */
  updateRow(thread) {
    const row = this.rows.get(thread.uid);
    if (row) this.fillRow(row, thread, new Date());
  }

  /** @param {string | null} uid */
  setOpen(uid) {
    if (this.openUid) {
      const previous = this.rows.get(this.openUid);
      previous?.classList.remove('is-open');
      previous?.removeAttribute('aria-current');
    }
    this.openUid = uid;
    const row = uid ? this.rows.get(uid) : null;
    if (row) {
      row.classList.add('is-open');
      row.setAttribute('aria-current', 'true');
    }
  }

  /** @param {MouseEvent} event */
  onClick(event) {
    const target = /** @type {Element} */ (event.target);
    const row = /** @type {HTMLElement | null} */ (target.closest('.thread-item'));
    if (!row) return;
    const uid = /** @type {string} */ (row.dataset.threadUid);
    const position = this.positions.get(uid);
    if (position === undefined) return;
    if (target.closest('mat-checkbox')) {
      this.toggleSelection(position, event.shiftKey);
      return;
    }
    const thread = this.threads[position];
    if (thread) this.handlers.onOpen(thread);
  }

  /** @param {number} position @param {boolean} range */
  toggleSelection(position, range) {
    const uid = /** @type {Thread} */ (this.threads[position]).uid;
    const select = !this.selected.has(uid);
    if (range && this.anchor >= 0 && this.anchor < this.threads.length) {
      const [from, to] = this.anchor < position ? [this.anchor, position] : [position, this.anchor];
      for (let i = from; i <= to; i += 1) this.setSelected(/** @type {Thread} */ (this.threads[i]).uid, select);
    } else {
      this.setSelected(uid, select);
    }
    this.anchor = position;
    this.updateSelectionUi();
  }

  toggleAll() {
    const all = this.threads.length > 0 && this.selected.size === this.threads.length;
    for (const thread of this.threads) this.setSelected(thread.uid, !all);
    this.anchor = -1;
    this.updateSelectionUi();
  }

  clearSelection() {
    for (const uid of [...this.selected]) this.setSelected(uid, false);
    this.anchor = -1;
    this.updateSelectionUi();
  }

  /** @param {string} uid @param {boolean} selected */
  setSelected(uid, selected) {
    if (selected) this.selected.add(uid);
    else this.selected.delete(uid);
    const row = this.rows.get(uid);
    if (row) this.paintSelected(row, selected);
  }

  /** @param {HTMLElement} row @param {boolean} selected */
  paintSelected(row, selected) {
    row.classList.toggle('selected', selected);
    row.setAttribute('aria-selected', String(selected));
    setCheckbox(/** @type {Element} */ (row.firstElementChild), selected);
  }

  selectedThreads() {
    return this.threads.filter((t) => this.selected.has(t.uid));
  }

  updateSelectionUi() {
    const count = this.selected.size;
    const all = count > 0 && count === this.threads.length;
    setCheckbox(this.selectAll, all, count > 0 && !all);
    this.header.classList.toggle('has-selection', count > 0);
    this.selectionCount.textContent = count ? `${count} selected` : '';
  }
}
