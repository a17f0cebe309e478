import attachmentsZip from './attachments-zip';
import headers from './headers';
import saveEml from './save-eml';
import type { MessageAction } from './action';

/**
 * Every message action, in the order the toolbar, the selection bar, the popup and the right-click menu show them.
 * Adding an action: a file in this folder that does `export default defineAction(…)`, and one line here.
 */
export const MESSAGE_ACTIONS: readonly MessageAction[] = [attachmentsZip, saveEml, headers];

export function actionById(id: string): MessageAction | undefined {
  return MESSAGE_ACTIONS.find((action) => action.id === id);
}
