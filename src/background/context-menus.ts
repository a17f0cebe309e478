import { browser, type Browser } from 'wxt/browser';
import { WEBMAIL_MATCHES } from '../ksuite/hosts';
import { MESSAGE_ACTIONS } from '../features';
import { t } from '../i18n';
import { replaceMenuItem } from '../menu-items';
import { INSPECTOR_PENDING_TEXT_KEY, INSPECTOR_SELECTION_HASH } from '../page/inspector-handoff';
import type { PageRequest } from '../page/page-messages';

/** A message action's item: `message-{action id}`. */
const MESSAGE_ITEM_PREFIX = 'message-';
const SELECTION_ITEM = 'selection-inspect-headers';
/** On the toolbar icon's own right-click menu: the backup page (Firefox names the MV3 context 'action' too). */
const BACKUP_ITEM = 'action-backup';

/**
 * Right-click actions: on the webmail, the message actions (they act on the message under the cursor,
 * else the opened one); on selected text anywhere, "Inspect these headers" opens the inspector with it; on the
 * toolbar icon, "Back up mailbox…" opens the backup page.
 */
export function startContextMenus(): void {
  browser.runtime.onInstalled.addListener(() => void createMenus());
  browser.contextMenus.onClicked.addListener((info, tab) => void onMenuClicked(info, tab));
}

async function createMenus(): Promise<void> {
  for (const action of MESSAGE_ACTIONS.filter((candidate) => candidate.message)) {
    await replaceMenuItem({
      id: MESSAGE_ITEM_PREFIX + action.id,
      title: t(action.menuLabel ?? action.label),
      contexts: ['page', 'frame', 'link', 'image', 'selection'],
      documentUrlPatterns: WEBMAIL_MATCHES,
    });
  }
  await replaceMenuItem({ id: SELECTION_ITEM, title: t('menu_inspectSelection'), contexts: ['selection'] });
  await replaceMenuItem({ id: BACKUP_ITEM, title: t('menu_backup'), contexts: ['action'] }).catch(() => undefined);
}

export async function onMenuClicked(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<void> {
  if (info.menuItemId === SELECTION_ITEM) {
    await browser.storage.session.set({ [INSPECTOR_PENDING_TEXT_KEY]: info.selectionText ?? '' });
    await browser.tabs.create({
      url: browser.runtime.getURL(`/inspector.html${INSPECTOR_SELECTION_HASH}`),
      index: tabIndexAfter(tab),
    });
    return;
  }
  if (info.menuItemId === BACKUP_ITEM) {
    await browser.tabs.create({ url: browser.runtime.getURL('/backup.html'), index: tabIndexAfter(tab) });
    return;
  }
  const itemId = String(info.menuItemId);
  if (!itemId.startsWith(MESSAGE_ITEM_PREFIX) || tab?.id === undefined) return;
  const action = itemId.slice(MESSAGE_ITEM_PREFIX.length);
  const request: PageRequest = { type: 'run-message-action', action, target: 'context' };
  await browser.tabs.sendMessage(tab.id, request, { frameId: info.frameId ?? 0 }).catch(() => {});
}

function tabIndexAfter(tab?: Browser.tabs.Tab): number | undefined {
  return tab?.index === undefined ? undefined : tab.index + 1;
}
