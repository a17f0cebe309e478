import { t } from '../i18n';
import type { NewMail } from './check-mail';
import type { WebmailLink } from './webmail-link';

export type AlertButton = 'read' | 'archive';

/** What a click or a button on a notification acts on; stored, since the worker may restart before the click. */
export interface NotificationTarget {
  /** What a click opens: the message, or its folder or mailbox for a group. */
  link: WebmailLink;
  messages: { mailboxUuid: string; uid: string }[];
  buttons: AlertButton[];
}

export interface AlertNotification {
  id: string;
  title: string;
  message: string;
  /** The mailbox, when the user has several. */
  contextMessage?: string;
  target: NotificationTarget;
}

/** More new messages than this in one check become one notification: a burst should not bury the screen. */
export const GROUP_ABOVE = 3;
const GROUP_LINES = 4;
const PREVIEW_CHARS = 140;

export const NOTIFICATION_PREFIX = 'alerts:';

/** The notification id for one message; stable, so showing it again would replace it rather than add one. */
export function messageNotificationId(mailboxUuid: string, uid: string): string {
  return `${NOTIFICATION_PREFIX}${mailboxUuid}/${uid}`;
}

export function alertNotificationsFor(mails: readonly NewMail[], now: number): AlertNotification[] {
  if (mails.length === 0) return [];
  const severalMailboxes = new Set(mails.map((m) => m.mailboxUuid)).size > 1;
  if (mails.length <= GROUP_ABOVE) return mails.map((mail) => singleNotification(mail, severalMailboxes));
  return [groupNotification(mails, now)];
}

function sender(mail: NewMail): string {
  return mail.fromName.trim() || mail.fromEmail || t('alerts_unknownSender');
}

function subject(mail: NewMail): string {
  return mail.subject.trim() || t('alerts_noSubject');
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function singleNotification(mail: NewMail, severalMailboxes: boolean): AlertNotification {
  const preview = shorten(mail.preview, PREVIEW_CHARS);
  return {
    id: messageNotificationId(mail.mailboxUuid, mail.uid),
    title: sender(mail),
    message: preview ? `${subject(mail)}\n${preview}` : subject(mail),
    ...(severalMailboxes ? { contextMessage: mail.mailboxEmail } : {}),
    target: {
      link: {
        mailboxEmail: mail.mailboxEmail,
        mailboxIndex: mail.mailboxIndex,
        folderId: mail.folderId,
        shortUid: mail.shortUid,
      },
      messages: [{ mailboxUuid: mail.mailboxUuid, uid: mail.uid }],
      buttons: ['read', 'archive'],
    },
  };
}

function groupNotification(mails: readonly NewMail[], now: number): AlertNotification {
  const newestFirst = [...mails].sort((a, b) => b.date - a.date);
  const lines = newestFirst.slice(0, GROUP_LINES).map((mail) => `${sender(mail)}: ${shorten(subject(mail), 60)}`);
  if (mails.length > GROUP_LINES) lines.push(t('alerts_andMore', String(mails.length - GROUP_LINES)));
  const first = newestFirst[0]!;
  const oneFolder = mails.every((m) => m.mailboxUuid === first.mailboxUuid && m.folderId === first.folderId);
  return {
    id: `${NOTIFICATION_PREFIX}group/${now}`,
    title: t('alerts_newMessages', String(mails.length)),
    message: lines.join('\n'),
    target: {
      link: {
        mailboxEmail: first.mailboxEmail,
        mailboxIndex: first.mailboxIndex,
        ...(oneFolder ? { folderId: first.folderId } : {}),
      },
      messages: mails.map((m) => ({ mailboxUuid: m.mailboxUuid, uid: m.uid })),
      // Archiving a whole burst from one click is too easy to regret; marking it read is not.
      buttons: ['read'],
    },
  };
}
