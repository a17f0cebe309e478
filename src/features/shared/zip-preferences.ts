import { getSettings, type BulkLayout, type NestedMessages } from '../../settings';

export interface ZipPreferences {
  /** Start from the server's archive (`attachmentsArchive`) when it matches the message (see server-archive-zip.ts). */
  useServerArchive: boolean;
  includeInlineImages: boolean;
  nestedMessages: NestedMessages;
  /** Saved files' names start with the message date. */
  fileNamesWithDate: boolean;
}

/** What the actions read of the options page. */
export type { BulkLayout };

export type UserPreferences = ZipPreferences & { layout: BulkLayout };

/** The user's preferences from the options page, read at each action so a change applies at once. */
export async function getUserPreferences(): Promise<UserPreferences> {
  const settings = await getSettings();
  return {
    useServerArchive: settings.useServerArchive,
    includeInlineImages: settings.includeInlineImages,
    nestedMessages: settings.nestedMessages,
    fileNamesWithDate: settings.fileNamesWithDate,
    layout: settings.zipLayout,
  };
}
