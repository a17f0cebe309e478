/** What the background sends a webmail tab when the browser has no notifications API (Safari). */
export const PAGE_NOTIFY = 'ksuite-companion/alerts-page-notify';

export interface PageNotification {
  id: string;
  title: string;
  body: string;
  /** What a click opens; null when the webmail's account does not have the alert's mailbox. */
  url: string | null;
}

export interface PageNotifyMessage {
  type: typeof PAGE_NOTIFY;
  notifications: PageNotification[];
}

export interface PageNotifyAnswer {
  shown: number;
}

export function isPageNotifyMessage(message: unknown): message is PageNotifyMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === PAGE_NOTIFY &&
    Array.isArray((message as { notifications?: unknown }).notifications)
  );
}
