import type { MessageKey } from '../i18n';
import type { DownloadProgress, RetryNotice } from '../ksuite/api-client';
import type { MessageSource } from '../ksuite/message-source';
import type { Message } from '../ksuite/types';
import type { MessageRef } from '../ksuite/webmail-dom';
import type { HeaderReport } from '../mail/headers/types';
import type { UserPreferences } from './shared/zip-preferences';

/**
 * A message action: one file in this folder defines it once, and every place that offers actions (the toolbar on
 * an opened message, the bar over a selection, the popup, the right-click menu) is built by looping over the list
 * in index.ts. None of them names an action.
 */
export interface MessageAction {
  /** Stable: the button's `data-action`, the right-click item's id, what the popup asks the page to run. */
  id: string;
  label: MessageKey;
  tooltip: MessageKey;
  /** The right-click menu's wording, when it differs from the button's. */
  menuLabel?: MessageKey;
  icon: ActionIcon;
  /**
   * What it fetches of a message: its JSON (`details`: date, subject, attachment list), the raw message, or the
   * server's archive of its attachments. The toolbar fetches the JSON of every opened message up front only when an
   * action shows something from it (see `detail`).
   */
  needs: readonly ('details' | 'raw' | 'server-archive')[];
  /** On one message (toolbar, popup, right-click). Absent: the action is for a selection only. */
  message?: OneMessageRun;
  /** On the selected rows of the message list. Absent: one message only. */
  selection?: SelectionRun;
}

export type ActionIcon = 'zip' | 'eml' | 'headers';

export interface OneMessageRun {
  run(context: MessageContext): Promise<ActionOutcome>;
  /**
   * A short text after the label, from the message's JSON and the user's preferences ("2 attachments · 1.2 MB"),
   * and a sentence shown on hovering it ("1 inline image not included"); null shows nothing.
   */
  detail?(details: Message, preferences: UserPreferences): ActionDetail | null;
  /** True when the action has nothing to do on this message (no attachments): the button is disabled. */
  unavailable?(details: Message, preferences: UserPreferences): boolean;
  /**
   * True when the action opens a panel under the toolbar (the header report): its button then shows and hides it,
   * keeping its label (a changing label would make the toolbar jump and wrap); it reads as pressed while open.
   */
  opensPanel?: boolean;
}

export interface ActionDetail {
  text: string;
  note?: string;
}

export interface SelectionRun {
  label: MessageKey;
  /** Shown on hovering the button: the label is short to fit the list's pane, this says it in full. */
  tooltip: MessageKey;
  run(context: SelectionContext): Promise<ActionOutcome>;
}

/** What a page offers every action it runs: one per page, so each message is fetched once per page. */
export interface ActionServices {
  source: MessageSource;
  preferences(): Promise<UserPreferences>;
}

/** What every run is handed by the page that runs it. */
export interface RunContext extends ActionServices {
  signal: AbortSignal;
  onProgress(progress: ActionProgress): void;
}

export interface MessageContext extends RunContext {
  message: MessageRef;
}

export interface SelectionContext extends RunContext {
  messages: readonly MessageRef[];
  /** The selection bar's choice of layout, over the options page's default. */
  layout?: UserPreferences['layout'];
}

export type ActionProgress =
  | { phase: 'download'; received: number; total: number | null }
  /** A download failed for now and is tried again: the `attempt`-th retry of at most `of`. */
  | { phase: 'retry'; attempt: number; of: number }
  | { phase: 'zip'; done: number; total: number }
  /** A selection: `done` of `total` messages fetched. */
  | { phase: 'messages'; done: number; total: number };

export type ActionOutcome =
  /**
   * A file went to the browser's downloads. Of a selection, `withoutFiles` counts the messages that were fetched
   * but had nothing to add (no attachments), so that the user knows why the archive names fewer messages.
   */
  | { kind: 'saved'; fileName: string; withoutFiles?: number }
  /**
   * Of a selection, `saved` of `total` are in the file and the missing ones are not, each with the reason the user
   * is shown; `retry` fetches only the missing ones and saves the complete file.
   */
  | {
      kind: 'saved-some';
      fileName: string;
      saved: number;
      total: number;
      missing: readonly MissingMessage[];
      retry: RetryRun;
    }
  /** Something to read under the toolbar; the action's button then shows and hides it. */
  | { kind: 'header-report'; report: HeaderReport; raw: Uint8Array };

/** Runs again what a partial outcome left out, like the action itself (progress, cancel) from the same place. */
export type RetryRun = (context: Pick<RunContext, 'signal' | 'onProgress'>) => Promise<ActionOutcome>;

export interface MissingMessage {
  subject: string;
  reason: string;
}

/** Checks the shape at compile time and returns the action as it is: an action file is `export default defineAction(…)`. */
export function defineAction(action: MessageAction): MessageAction {
  return action;
}

/** A download's progress and retries as the action reports them: spread into the download's options. */
export function transferProgress(onProgress: RunContext['onProgress']) {
  return {
    onProgress: (progress: DownloadProgress) => onProgress({ phase: 'download', ...progress }),
    onRetry: (retry: RetryNotice) => onProgress({ phase: 'retry', ...retry }),
  };
}
