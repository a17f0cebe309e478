import { MAIL_ORIGIN } from './hosts';

/**
 * One opened message of the reading pane; carries the class `mail-{shortUid}@{folderId}`. A constant of its own as
 * well, so that the content script's code at load takes this one selector and not the whole map.
 */
export const OPENED_MESSAGE_SELECTOR = 'div.message-item';

/**
 * Every CSS selector the extension uses on the kSuite webmail, in one map, so that a change of Infomaniak's
 * markup is one edit. The first three are known from a public extension for this webmail; the rest follow the
 * Angular Material structure and are checked against the replica (tests/replica/webmail/README.md).
 */
export const WEBMAIL_SELECTORS = {
  /** One opened message of the reading pane; carries the class `mail-{shortUid}@{folderId}`. */
  openedMessage: OPENED_MESSAGE_SELECTOR,
  /** The footer of an opened message (reply / forward buttons): our toolbar sits just above it. */
  openedMessageFooter: 'div.mailContent-open-footer',
  /** The right-hand part of the opened thread's toolbar (archive, delete, …): where the toolbar goes without a footer. */
  threadToolbar: 'div.mail-toolbar__right',
  /** A row of the message list, and a selected one. */
  listRow: '[data-thread-uid]',
  selectedListRow: '[data-thread-uid].selected, [data-thread-uid][aria-selected="true"]',
  /**
   * The message list's pane (its header with the webmail's own selection actions, then the rows): the selection
   * bar docks at its foot, the width of the list, over no row and not over the folders.
   */
  messageListPane: 'app-thread-list',
  /** The webmail's dark theme switch on <body>. */
  darkThemeBody: 'body.theme-dark',
  /** In the kSuite shell: the frame that shows the mail app. */
  mailAppFrame: `iframe[src^="${MAIL_ORIGIN}/"]`,
} as const;

/** The class on an opened message that names it: `mail-{shortUid}@{folderId}`. */
export const MESSAGE_UID_CLASS_PREFIX = 'mail-';
