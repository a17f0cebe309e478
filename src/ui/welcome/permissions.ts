import { browser } from 'wxt/browser';
import type { MessageKey } from '../../i18n';
import { KSUITE_ORIGIN, MAIL_ORIGIN } from '../../ksuite/hosts';

/** Why the extension asks for each permission it may ask for; the README's permission table in the user's words. */
const REASONS: Readonly<Record<string, MessageKey>> = {
  storage: 'welcome_permissionStorage',
  alarms: 'welcome_permissionAlarms',
  contextMenus: 'welcome_permissionContextMenus',
  notifications: 'welcome_permissionNotifications',
  [`${MAIL_ORIGIN}/*`]: 'welcome_permissionMailHost',
  [`${KSUITE_ORIGIN}/*`]: 'welcome_permissionKsuiteHost',
};

export interface ExplainedPermission {
  /** As the manifest names it: `storage`, `https://mail.infomaniak.com/*`. */
  name: string;
  optional: boolean;
  /** Null for a permission nobody explained here yet: the page shows it anyway, and its test fails. */
  reason: MessageKey | null;
}

/** Every permission of the installed manifest, in its order: what is listed is what the browser granted or may ask. */
export function explainedPermissions(): ExplainedPermission[] {
  const manifest = browser.runtime.getManifest() as {
    permissions?: string[];
    optional_permissions?: string[];
    host_permissions?: string[];
  };
  const explain = (name: string, optional: boolean) => ({ name, optional, reason: REASONS[name] ?? null });
  return [
    ...(manifest.permissions ?? []).map((name) => explain(name, false)),
    ...(manifest.optional_permissions ?? []).map((name) => explain(name, true)),
    ...(manifest.host_permissions ?? []).map((name) => explain(name, false)),
  ];
}
