// @ts-check
/**
 * The reading pane. Each message of the opened thread is a `div.message-item` carrying the class
 * `mail-{shortUid}@{folderId}` (the message uid), with its header, attachment chips, body and
 * `div.mailContent-open-footer`. Opening another thread replaces these nodes, as the real app re-renders them.
 *
 * HTML bodies go into an iframe with `srcdoc` and a sandbox without `allow-scripts`: mail can carry script
 * payloads, and the sandbox is what keeps them inert. `allow-same-origin` stays so the pane can read the
 * document's height to size the frame; without scripts inside, that grants the mail nothing.
 */
import { el, iconButton } from './dom.js';
import { icon } from './icons.js';
import { avatarColor, contactName, fileSize, fullDate, initials, messageDate } from './format.js';

/**
 * @typedef {import('./format.js').Contact} Contact
 * @typedef {{ uuid?: string, part_id?: string, mime_type?: string, size?: number, name?: string,
 *   disposition?: string, content_id?: string | null, resource: string }} Attachment
 * @typedef {{ type?: string, value?: string, subBody?: Body[] }} Body
 * @typedef {{ uid: string, folder_id?: string, subject?: string, date?: string, from?: Contact[], to?: Contact[],
 *   cc?: Contact[], resource: string, seen?: boolean, flagged?: boolean, priority?: string,
 *   body?: Body, attachments?: Attachment[], has_attachments?: boolean }} Message
 */

export class ReadingPane {
  /** @param {{ onClose: () => void, onUnavailable: (what: string) => void }} handlers */
  constructor(handlers) {
    this.handlers = handlers;
    this.element = el('app-mail-content', { class: 'mail-content-pane ng-star-inserted' });
    /** @type {ResizeObserver[]} */
    this.observers = [];
    this.showEmpty();
  }

  /** @param {Node} content */
  replace(content) {
    for (const observer of this.observers) observer.disconnect();
    this.observers = [];
    this.element.replaceChildren(content);
    this.element.scrollTop = 0;
  }

  showEmpty() {
    this.element.classList.remove('has-thread');
    this.replace(
      el(
        'div',
        { class: 'mail-content-empty ng-star-inserted' },
        el('div', { class: 'empty-illustration' }, icon('mail')),
        el('p', { class: 'empty-title', text: 'No conversation selected' }),
        el('p', { class: 'empty-text', text: 'Choose a message in the list to read it here.' }),
      ),
    );
  }

  showLoading() {
    this.element.classList.add('has-thread');
    this.replace(
      el(
        'div',
        { class: 'mail-content-loading ng-star-inserted' },
        el('mat-spinner', { class: 'mat-mdc-progress-spinner', role: 'progressbar' }),
      ),
    );
  }

  /** @param {string} message */
  showError(message) {
    this.element.classList.add('has-thread');
    this.replace(
      el(
        'div',
        { class: 'mail-content-empty mail-content-error ng-star-inserted' },
        icon('spam'),
        el('p', { class: 'empty-title', text: message }),
        this.closeButton(),
      ),
    );
  }

  closeButton() {
    const close = iconButton(icon('chevron-left'), 'Back to the list', 'close-thread-button');
    close.addEventListener('click', () => this.handlers.onClose());
    return close;
  }

  /**
   * @param {string} subject the thread's subject
   * @param {Message[]} messages oldest first
   */
  render(subject, messages) {
    this.element.classList.add('has-thread');
    const unavailable = (/** @type {string} */ what) => () => this.handlers.onUnavailable(what);
    const actions = [
      ['archive', 'Archive'],
      ['trash', 'Delete'],
      ['mail', 'Mark as unread'],
      ['more', 'More actions'],
    ].map(([glyph, label]) => {
      const button = iconButton(icon(/** @type {string} */ (glyph)), /** @type {string} */ (label));
      button.addEventListener('click', unavailable(/** @type {string} */ (label)));
      return button;
    });
    const text = subject.trim();
    const header = el(
      'div',
      { class: 'mail-content-header' },
      this.closeButton(),
      el('h1', { class: `mail-content-subject${text ? '' : ' no-subject'}`, text: text || '(no subject)' }),
      messages.length > 1 ? el('span', { class: 'thread-size', text: `${messages.length} messages` }) : null,
      // The live webmail's thread toolbar is `div.mail-toolbar__right` (docs/ksuite-webmail.md, "Markup seen live").
      el('div', { class: 'mail-content-actions mail-toolbar__right' }, actions),
    );
    const list = el('div', { class: 'message-list' });
    for (const message of messages) list.append(this.messageItem(message));
    this.replace(el('div', { class: 'mail-content ng-star-inserted' }, header, list));
  }

  /** @param {Message} message */
  messageItem(message) {
    const item = el('div', { class: 'message-item ng-star-inserted' });
    // The uid ("{shortUid}@{folderId}") is a single class token; classList takes it verbatim, '@' and all.
    if (message.uid) item.classList.add(`mail-${message.uid}`);
    item.append(this.messageHeader(message));
    const attachments = message.attachments ?? [];
    if (attachments.length) item.append(attachmentChips(message, attachments));
    item.append(this.messageBody(message, attachments));
    item.append(this.footer());
    return item;
  }

  /** @param {Message} message */
  messageHeader(message) {
    const sender = message.from?.[0];
    const from = el(
      'div',
      { class: 'message-from' },
      el('span', { class: 'contact-name', text: contactName(sender) || '(no sender)' }),
      sender?.email ? el('span', { class: 'contact-email', text: `<${sender.email}>` }) : null,
    );
    const subject = (message.subject ?? '').trim();
    const flags = el('span', { class: 'message-flags' });
    if (message.priority === 'high')
      flags.append(el('span', { class: 'priority-high', title: 'High priority', text: '!' }));
    if (message.flagged) flags.append(icon('star'));
    if ((message.attachments ?? []).length) flags.append(icon('attachment'));
    return el(
      'div',
      { class: 'message-header' },
      el('span', { class: `avatar ${avatarColor(sender)}`, 'aria-hidden': 'true', text: initials(sender) }),
      el(
        'div',
        { class: 'message-header-main' },
        from,
        recipientLine('To', 'message-to', message.to),
        recipientLine('Cc', 'message-cc', message.cc),
        el('div', { class: `message-subject${subject ? '' : ' no-subject'}`, text: subject || '(no subject)' }),
      ),
      el(
        'div',
        { class: 'message-header-side' },
        flags,
        el('time', {
          class: 'message-date',
          datetime: message.date ?? '',
          title: fullDate(message.date),
          text: messageDate(message.date),
        }),
      ),
    );
  }

  /** @param {Message} message @param {Attachment[]} attachments */
  messageBody(message, attachments) {
    const body = el('div', { class: 'message-body' });
    const parts = [message.body, ...(message.body?.subBody ?? [])].filter(
      (part) => part && typeof part.value === 'string',
    );
    if (!parts.length)
      body.append(el('div', { class: 'message-body-text message-body-empty', text: '(This message has no text)' }));
    for (const part of /** @type {Body[]} */ (parts)) {
      if ((part.type ?? '').toLowerCase().includes('html')) body.append(this.htmlFrame(part.value ?? '', attachments));
      else body.append(el('div', { class: 'message-body-text', text: part.value ?? '' }));
    }
    return body;
  }

  /**
   * @param {string} html untrusted
   * @param {Attachment[]} attachments inline images are referenced as `cid:` and served from their resource
   */
  htmlFrame(html, attachments) {
    let source = html;
    for (const attachment of attachments) {
      const cid = (attachment.content_id ?? '').replace(/^<|>$/g, '');
      if (cid) source = source.split(`cid:${cid}`).join(attachment.resource);
    }
    const frame = /** @type {HTMLIFrameElement} */ (
      el('iframe', {
        class: 'message-body-frame',
        title: 'Message content',
        sandbox: 'allow-same-origin allow-popups allow-popups-to-escape-sandbox',
        referrerpolicy: 'no-referrer',
      })
    );
    // Links open outside the pane; the stylesheet gives plain mails readable defaults on the light card.
    frame.srcdoc =
      '<!doctype html><html><head><meta charset="utf-8"><base target="_blank">' +
      '<link rel="stylesheet" href="/__webmail/message-frame.css"></head><body>' +
      source +
      '</body></html>';
    const fit = () => {
      const doc = frame.contentDocument;
      if (!doc?.documentElement) return;
      frame.style.height = `${Math.max(doc.documentElement.scrollHeight, doc.body?.scrollHeight ?? 0, 40)}px`;
    };
    frame.addEventListener('load', () => {
      fit();
      const doc = frame.contentDocument;
      if (doc?.body && typeof ResizeObserver === 'function') {
        const observer = new ResizeObserver(fit);
        observer.observe(doc.body);
        this.observers.push(observer);
      }
    });
    return frame;
  }

  footer() {
    const button = (/** @type {string} */ glyph, /** @type {string} */ label, /** @type {string} */ cls) => {
      const node = el(
        'button',
        { type: 'button', class: `mat-mdc-outlined-button mdc-button mdc-button--outlined ${cls}` },
        icon(glyph),
        el('span', { class: 'mdc-button__label', text: label }),
      );
      node.addEventListener('click', () => this.handlers.onUnavailable(label));
      return node;
    };
    return el(
      'div',
      { class: 'mailContent-open-footer ng-star-inserted' },
      button('reply', 'Reply', 'reply-button'),
      button('reply-all', 'Reply all', 'reply-all-button'),
      button('forward', 'Forward', 'forward-button'),
    );
  }
}

/**
 * @param {string} label @param {string} cls @param {Contact[] | undefined} contacts
 */
function recipientLine(label, cls, contacts) {
  if (!contacts?.length) return null;
  const list = el('span', { class: `message-recipients-list ${cls}` });
  contacts.forEach((contact, index) => {
    if (index) list.append(', ');
    list.append(
      el('span', {
        class: 'contact',
        title: contact.email ?? '',
        text: contact.name ? `${contact.name} <${contact.email ?? ''}>` : (contact.email ?? ''),
      }),
    );
  });
  return el('div', { class: 'message-recipients' }, el('span', { class: 'recipients-label', text: label }), list);
}

/** @param {Message} message @param {Attachment[]} attachments */
function attachmentChips(message, attachments) {
  const total = attachments.reduce((sum, a) => sum + (Number(a.size) || 0), 0);
  const chips = attachments.map((attachment) => {
    const name = attachment.name || 'attachment';
    const isImage = (attachment.mime_type ?? '').startsWith('image/');
    const chip = el(
      'a',
      {
        class: 'attachment-chip mat-mdc-chip ng-star-inserted',
        href: attachment.resource,
        download: name,
        title: `${name} (${fileSize(attachment.size)})`,
      },
      el('span', { class: 'attachment-icon' }, icon(isImage ? 'image' : 'file')),
      el(
        'span',
        { class: 'attachment-text' },
        el('span', { class: 'attachment-name', text: name }),
        el('span', { class: 'attachment-size', text: fileSize(attachment.size) }),
      ),
      icon('download'),
    );
    if (attachment.part_id) chip.dataset.partId = attachment.part_id;
    if (attachment.disposition === 'inline') chip.classList.add('inline-attachment');
    return chip;
  });
  return el(
    'div',
    { class: 'message-attachments' },
    el(
      'div',
      { class: 'message-attachments-header' },
      icon('attachment'),
      el('span', {
        class: 'attachments-summary',
        text: `${attachments.length} attachment${attachments.length === 1 ? '' : 's'} · ${fileSize(total)}`,
      }),
      el('a', {
        class: 'attachments-download-all',
        href: `${message.resource}/attachmentsArchive`,
        download: 'attachments.zip',
        text: 'Download all',
      }),
    ),
    el('div', { class: 'attachment-chips' }, chips),
  );
}
