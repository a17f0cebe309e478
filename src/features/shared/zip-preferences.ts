import { getSettings } from '../../settings';
import type { ZipPreferences } from '../attachments-zip';
import type { BulkLayout } from './bulk-zip';

/** The user's zip preferences from the options page, read at each action so a change applies at once. */
export async function getZipPreferences(): Promise<ZipPreferences & { layout: BulkLayout }> {
  const settings = await getSettings();
  return {
    useServerArchive: settings.useServerArchive,
    includeInlineImages: settings.includeInlineImages,
    nestedMessages: settings.nestedMessages,
    fileNamesWithDate: settings.fileNamesWithDate,
    layout: settings.zipLayout,
  };
}
