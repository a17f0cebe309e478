// @ts-check
/**
 * The kSuite Mail webmail replica: an Angular-Material-like single page app on the real API. It exists so the
 * extension's content script meets, in a real browser, the markup and behaviour it meets on mail.infomaniak.com:
 * client-side navigation that never reloads the page, rows that are re-rendered, opened messages that are
 * replaced, two themes. See README.md for the DOM it produces.
 */
import * as api from './api.js';
import { el, iconButton, toast } from './dom.js';
import { icon } from './icons.js';
import { initTheme, toggleTheme, currentTheme } from './theme.js';
import { MailboxSwitcher, sortMailboxes } from './mailbox-switcher.js';
import { FolderNav, OUTGOING_ROLES, folderLabel, indexFolders } from './folders.js';
import { ThreadList, findThread, threadRouteUid } from './thread-list.js';
import { ReadingPane } from './reading-pane.js';
import { parseRoute, routePath } from './router.js';

/** The real webmail refreshes the open folder about once a minute. */
const POLL_INTERVAL_MS = 60_000;

/**
 * @typedef {import('./mailbox-switcher.js').Mailbox} Mailbox
 * @typedef {import('./folders.js').FolderIndex} FolderIndex
 * @typedef {import('./thread-list.js').Thread} Thread
 * @typedef {import('./reading-pane.js').Message} Message
 * @typedef {import('./router.js').Route} Route
 */

const state = {
  /** @type {Mailbox[]} */
  mailboxes: [],
  mailboxIndex: -1,
  /** @type {Mailbox | null} */
  mailbox: null,
  /** @type {FolderIndex | null} folders of `mailbox`, once loaded */
  folders: null,
  /** @type {string | null} the folder whose list is shown (set once loaded) */
  listKey: null,
  /** @type {string | null} */
  folderId: null,
  /** @type {string | null} resource_next of the last page */
  nextPage: null,
  loadingMore: false,
  /** @type {string | null} which thread the pane shows (mailbox|folder|uid) */
  openKey: null,
};

initTheme();

const switcher = new MailboxSwitcher({ onSelect: (index) => navigate({ index, folderId: null, threadUid: null }) });
const folderNav = new FolderNav({
  hrefFor: (folderId) => routePath({ index: state.mailboxIndex, folderId, threadUid: null }),
  onSelect: (folderId) => navigate({ index: state.mailboxIndex, folderId, threadUid: null }),
});
const threadList = new ThreadList({
  onOpen: (thread) => {
    if (!state.folderId) return;
    navigate({
      index: state.mailboxIndex,
      folderId: state.folderId,
      threadUid: threadRouteUid(thread, state.folderId),
    });
  },
  onLoadMore: () => void loadMore(),
  onRefresh: () => void refresh(true),
  onMarkRead: (threads) => void markThreadsSeen(threads),
  onUnavailable: unavailable,
});
const pane = new ReadingPane({
  onClose: () => navigate({ index: state.mailboxIndex, folderId: state.folderId, threadUid: null }),
  onUnavailable: unavailable,
});

/** @param {string} what */
function unavailable(what) {
  toast(`${what}: not available in this replica`);
}

function buildShell() {
  const sidenavToggle = iconButton(icon('menu'), 'Main menu', 'sidenav-toggle');
  const root = /** @type {HTMLElement} */ (document.querySelector('app-root'));
  sidenavToggle.addEventListener('click', () => root.classList.toggle('sidenav-toggled'));

  const search = el('input', {
    type: 'search',
    class: 'search-input mat-mdc-input-element',
    placeholder: 'Search mail',
    'aria-label': 'Search mail',
    autocomplete: 'off',
  });
  search.addEventListener('keydown', (event) => {
    if (/** @type {KeyboardEvent} */ (event).key === 'Enter') unavailable('Search');
  });

  const themeToggle = iconButton(
    icon(currentTheme() === 'dark' ? 'sun' : 'moon'),
    'Switch light/dark theme',
    'theme-toggle',
  );
  const paintToggle = () => {
    const dark = currentTheme() === 'dark';
    themeToggle.replaceChildren(icon(dark ? 'sun' : 'moon'));
    themeToggle.setAttribute('aria-pressed', String(dark));
    themeToggle.title = dark ? 'Switch to the light theme' : 'Switch to the dark theme';
  };
  document.addEventListener('webmail-theme-change', paintToggle);
  paintToggle();
  themeToggle.addEventListener('click', toggleTheme);

  const help = iconButton(icon('help'), 'Help');
  help.addEventListener('click', () => unavailable('Help'));
  const settings = iconButton(icon('settings'), 'Settings');
  settings.addEventListener('click', () => unavailable('Settings'));

  const toolbar = el(
    'mat-toolbar',
    { class: 'mat-toolbar app-toolbar mat-toolbar-single-row' },
    sidenavToggle,
    el(
      'a',
      { class: 'app-brand', href: '/', title: 'Mail' },
      el('span', { class: 'app-brand-logo' }, icon('mail')),
      el('span', { class: 'app-brand-name', text: 'Mail' }),
    ),
    switcher.element,
    el('div', { class: 'search-field mat-mdc-form-field' }, icon('search'), search),
    el(
      'div',
      { class: 'toolbar-actions' },
      help,
      settings,
      themeToggle,
      el('span', { class: 'avatar avatar-user', text: 'ME', title: 'My account' }),
    ),
  );

  const compose = el(
    'button',
    { type: 'button', class: 'compose-button mat-mdc-unelevated-button mdc-button' },
    icon('pencil'),
    el('span', { class: 'mdc-button__label', text: 'New message' }),
  );
  compose.addEventListener('click', () => unavailable('New message'));
  const sidenav = el(
    'mat-sidenav',
    { class: 'mat-drawer mat-sidenav app-sidenav mat-drawer-side mat-drawer-opened' },
    el('div', { class: 'sidenav-compose' }, compose),
    el('div', { class: 'sidenav-scroll' }, folderNav.element),
    el('div', { class: 'sidenav-footer' }, icon('shield'), el('span', { text: 'Hosted in Switzerland' })),
  );

  root.replaceChildren(
    toolbar,
    el(
      'mat-sidenav-container',
      { class: 'mat-drawer-container mat-sidenav-container app-container' },
      sidenav,
      el(
        'mat-sidenav-content',
        { class: 'mat-drawer-content mat-sidenav-content app-content' },
        threadList.element,
        pane.element,
      ),
    ),
  );
}

/** @type {AbortController | null} */
let routeAbort = null;
let routeGeneration = 0;

/**
 * @param {Route} route
 * @param {{ replace?: boolean }} [options]
 */
function navigate(route, { replace = false } = {}) {
  const path = routePath(route);
  if (path !== location.pathname) {
    if (replace) history.replaceState(null, '', path + location.search);
    else history.pushState(null, '', path + location.search);
  }
  void applyRoute(parseRoute(location.pathname));
}

/**
 * Brings the page to the state the URL names; loading what is missing and nothing more, so that opening a thread
 * does not reload the list and switching folder does not reload the mailboxes.
 * @param {Route} route
 */
async function applyRoute(route) {
  routeAbort?.abort();
  const abort = new AbortController();
  routeAbort = abort;
  const generation = ++routeGeneration;
  const stale = () => generation !== routeGeneration;
  const { signal } = abort;
  try {
    if (!state.mailboxes.length) {
      state.mailboxes = sortMailboxes(await api.listMailboxes(signal));
      if (stale()) return;
      if (!state.mailboxes.length) {
        pane.showError('This account has no mailbox.');
        return;
      }
    }

    const index = route.index < state.mailboxes.length ? route.index : 0;
    if (index !== state.mailboxIndex || !state.folders) {
      state.mailboxIndex = index;
      state.mailbox = /** @type {Mailbox} */ (state.mailboxes[index]);
      state.folders = null;
      state.listKey = null;
      state.folderId = null;
      state.openKey = null;
      switcher.update(state.mailboxes, index);
      threadList.showLoading('');
      pane.showEmpty();
      const tree = await api.listFolders(state.mailbox.uuid, signal);
      if (stale()) return;
      state.folders = indexFolders(tree);
      folderNav.render(state.folders);
    }
    const mailbox = /** @type {Mailbox} */ (state.mailbox);
    const folders = /** @type {FolderIndex} */ (state.folders);

    const folderId = route.folderId && folders.byId.has(route.folderId) ? route.folderId : folders.inboxId;
    if (!folderId) {
      threadList.render([], { title: '', total: 0, folderId: '', outgoing: false });
      return;
    }
    const canonical = { index, folderId, threadUid: route.folderId === folderId ? route.threadUid : null };
    // `/0` (or an unknown folder) shows the inbox under its full URL, as the real app does.
    if (routePath(canonical) !== location.pathname)
      history.replaceState(null, '', routePath(canonical) + location.search);

    const folder = /** @type {import('./folders.js').FolderEntry} */ (folders.byId.get(folderId)).folder;
    const listKey = `${mailbox.uuid}|${folderId}`;
    if (state.listKey !== listKey) {
      state.folderId = folderId;
      state.listKey = null;
      state.openKey = null;
      folderNav.setActive(folderId);
      document.title = `${folderLabel(folder)} – ${mailbox.email} – Mail`;
      threadList.showLoading(folderLabel(folder));
      threadList.setOpen(null);
      if (!canonical.threadUid) pane.showEmpty();
      const page = await api.listThreads(mailbox.uuid, folderId, signal);
      if (stale()) return;
      state.listKey = listKey;
      state.nextPage = page?.resource_next ?? null;
      threadList.render(page?.threads ?? [], listContext(folder, page));
    }

    if (canonical.threadUid) await openThread(canonical.threadUid, signal, stale);
    else {
      state.openKey = null;
      threadList.setOpen(null);
      pane.showEmpty();
    }
  } catch (error) {
    if (signal.aborted || /** @type {Error} */ (error)?.name === 'AbortError') return;
    if (error instanceof api.ApiError && error.status === 401) return;
    console.error('[webmail]', error);
    toast(`Could not load: ${/** @type {Error} */ (error).message}`);
    threadList.setBusy(false);
  }
}

/**
 * @param {import('./folders.js').Folder} folder
 * @param {any} page the thread list response
 */
function listContext(folder, page) {
  return {
    title: folderLabel(folder),
    total: Number(page?.total_messages_count ?? page?.messages_count) || 0,
    folderId: folder.id,
    outgoing: OUTGOING_ROLES.has(folder.role ?? ''),
  };
}

/**
 * @param {string} routeUid the short uid in the URL
 * @param {AbortSignal} signal
 * @param {() => boolean} stale
 */
async function openThread(routeUid, signal, stale) {
  const mailbox = /** @type {Mailbox} */ (state.mailbox);
  const folderId = /** @type {string} */ (state.folderId);
  const key = `${mailbox.uuid}|${folderId}|${routeUid}`;
  if (state.openKey === key) return;
  state.openKey = key;

  const thread = findThread(threadList.threads, routeUid, folderId);
  threadList.setOpen(thread?.uid ?? null);
  pane.showLoading();
  // A URL may name a message beyond the loaded page: fetch it alone, by the route its resource would have.
  const summaries = thread?.messages?.length
    ? thread.messages
    : [{ uid: `${routeUid}@${folderId}`, resource: api.messageResource(mailbox.uuid, folderId, routeUid) }];
  let messages;
  try {
    messages = /** @type {Message[]} */ (await Promise.all(summaries.map((m) => api.getMessage(m.resource, signal))));
  } catch (error) {
    if (stale()) return;
    if (error instanceof api.ApiError && error.status !== 401) {
      state.openKey = null;
      pane.showError(
        error.code === 'mail__message_not_found' || error.status === 404
          ? 'This message no longer exists.'
          : `Could not open the message (${error.code}).`,
      );
      return;
    }
    throw error;
  }
  if (stale()) return;
  messages.sort((a, b) => String(a.date ?? '').localeCompare(String(b.date ?? '')));
  pane.render(thread?.subject ?? messages[messages.length - 1]?.subject ?? '', messages);
  const unseen = messages.filter((m) => !m.seen);
  if (unseen.length)
    void markSeen(
      unseen.map((m) => m.uid),
      thread ? [thread] : [],
    );
}

/**
 * Marks messages read on the server, then mirrors it locally (row, folder badges, mailbox counters), as the real
 * app does without reloading the list.
 * @param {string[]} uids
 * @param {Thread[]} threads the threads these messages belong to
 */
async function markSeen(uids, threads) {
  const mailbox = state.mailbox;
  if (!mailbox || !uids.length) return;
  try {
    await api.markSeen(mailbox.uuid, uids);
  } catch (error) {
    if (!(error instanceof api.ApiError && error.status === 401)) toast('Could not mark the message as read');
    return;
  }
  if (mailbox !== state.mailbox) return;
  const done = new Set(uids);
  for (const uid of uids) {
    const folderId = uid.slice(uid.indexOf('@') + 1);
    const entry = state.folders?.byId.get(folderId);
    if (entry) entry.folder.unread_count = Math.max(0, (Number(entry.folder.unread_count) || 0) - 1);
  }
  mailbox.unseen_messages = Math.max(0, (Number(mailbox.unseen_messages) || 0) - uids.length);
  for (const thread of threads) {
    for (const message of thread.messages ?? []) if (done.has(message.uid)) message.seen = true;
    thread.unseen_messages = (thread.messages ?? []).filter((m) => m.seen === false).length;
    threadList.updateRow(thread);
  }
  if (state.folders) folderNav.updateBadges(state.folders);
  switcher.update(state.mailboxes, state.mailboxIndex);
}

/** @param {Thread[]} threads */
async function markThreadsSeen(threads) {
  const uids = threads.flatMap((t) => (t.messages ?? []).filter((m) => m.seen === false).map((m) => m.uid));
  if (!uids.length) {
    toast('Already read');
    return;
  }
  // The API takes at most 1000 uids per call.
  for (let i = 0; i < uids.length; i += 1000) await markSeen(uids.slice(i, i + 1000), threads);
  threadList.clearSelection();
}

async function loadMore() {
  if (!state.nextPage || state.loadingMore || !state.listKey) return;
  const listKey = state.listKey;
  state.loadingMore = true;
  threadList.setLoadingMore(true);
  try {
    const page = await api.listThreadsAt(state.nextPage);
    if (state.listKey !== listKey) return;
    state.nextPage = page?.resource_next ?? null;
    threadList.append(page?.threads ?? []);
  } catch (error) {
    if (!(error instanceof api.ApiError && error.status === 401)) toast('Could not load more messages');
  } finally {
    state.loadingMore = false;
    threadList.setLoadingMore(false);
  }
}

/**
 * Re-reads counters and the open folder's first page, keeping selection, open thread and scroll position.
 * @param {boolean} [userAsked]
 */
async function refresh(userAsked = false) {
  const mailbox = state.mailbox;
  const folderId = state.folderId;
  const listKey = state.listKey;
  if (!mailbox || !folderId || !listKey) return;
  const generation = routeGeneration;
  if (userAsked) threadList.setBusy(true);
  try {
    const [mailboxes, tree, page] = await Promise.all([
      api.listMailboxes(),
      api.listFolders(mailbox.uuid),
      api.listThreads(mailbox.uuid, folderId),
    ]);
    if (generation !== routeGeneration || state.listKey !== listKey) return;
    for (const fresh of mailboxes ?? []) {
      const known = state.mailboxes.find((m) => m.uuid === fresh.uuid);
      if (known) known.unseen_messages = fresh.unseen_messages;
    }
    switcher.update(state.mailboxes, state.mailboxIndex);
    state.folders = indexFolders(tree);
    folderNav.render(state.folders);
    const entry = state.folders.byId.get(folderId);
    if (entry) {
      state.nextPage = page?.resource_next ?? null;
      threadList.render(page?.threads ?? [], listContext(entry.folder, page));
    }
  } catch (error) {
    if (!(error instanceof api.ApiError && error.status === 401)) console.warn('[webmail] refresh failed', error);
  } finally {
    threadList.setBusy(false);
  }
}

buildShell();
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && threadList.selected.size) threadList.clearSelection();
});
window.addEventListener('popstate', () => void applyRoute(parseRoute(location.pathname)));
setInterval(() => void refresh(), POLL_INTERVAL_MS);
void applyRoute(parseRoute(location.pathname));
