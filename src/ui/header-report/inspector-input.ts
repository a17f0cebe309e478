/**
 * What the inspector page shows for a given input: nothing yet, a report, or a plain-words problem. Kept free of
 * DOM and extension APIs so it can be tested directly.
 */
import {
  analyseHeaders,
  findRiskyFiles,
  isMailError,
  listAttachments,
  type HeaderAnalysisOptions,
  type HeaderReport,
  type RiskyFile,
} from '../../mail';
import type { MessageKey } from '../../i18n';

export type InspectorProblem = Extract<
  MessageKey,
  'inspector_no_headers' | 'inspector_too_large' | 'inspector_unreadable'
>;

export type InspectorOutcome =
  { kind: 'empty' } | { kind: 'report'; report: HeaderReport } | { kind: 'problem'; problem: InspectorProblem };

/**
 * How much of a dropped file is read. The analyser gives up on a header block above 4 MiB; reading a little more
 * than that keeps its "too large" answer while a 2 GB file costs no more than a small one.
 */
export const FILE_READ_LIMIT = 8 * 1024 * 1024;

export function analyseInspectorInput(input: string | Uint8Array, options: HeaderAnalysisOptions): InspectorOutcome {
  if (typeof input === 'string' && input.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'report', report: analyseHeaders(input, options) };
  } catch (error) {
    if (!isMailError(error)) return { kind: 'problem', problem: 'inspector_unreadable' };
    if (error.code === 'too_large') return { kind: 'problem', problem: 'inspector_too_large' };
    // An empty file or text without a single "Name: value" line: not headers at all.
    if (error.code === 'empty_input' || error.code === 'malformed_message') {
      return { kind: 'problem', problem: 'inspector_no_headers' };
    }
    return { kind: 'problem', problem: 'inspector_unreadable' };
  }
}

/**
 * The risky files of a whole message (a dropped .eml); none for headers alone, or a message cut short or too broken
 * to list: the report of its headers stands either way.
 */
export async function riskyFilesInMessage(bytes: Uint8Array): Promise<RiskyFile[]> {
  try {
    const files = await listAttachments(bytes, { inlineImages: true });
    return findRiskyFiles(files.map((file) => ({ name: file.fileName, mimeType: file.mimeType })));
  } catch {
    return [];
  }
}
