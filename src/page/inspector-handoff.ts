/** Key under which the background hands selected text to the inspector page, opened as `inspector.html#selection`. */
export const INSPECTOR_PENDING_TEXT_KEY = 'inspectorPendingText';
export const INSPECTOR_SELECTION_HASH = '#selection';
