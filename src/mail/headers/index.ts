/** Public surface of the header analyser; everything else in this folder is an implementation detail. */
export { analyseHeaders } from './analyse';
export { authservIdMatches } from './authentication';
export { checkDkimBodyHashes, MAX_DKIM_BODY_BYTES, type DkimBodyCheck, type DkimBodyStatus } from './dkim-body-hash';
export { organisationalDomain } from './domains';
export { DEFAULT_LOOKALIKE_BRANDS } from './lookalike';
export {
  formatReportMessage,
  HEADER_MESSAGE_KEYS,
  reportText,
  type HeaderMessageKey,
  type LocaleMessages,
} from './messages';
export { domainToUnicode } from './punycode';
export { BUILT_IN_SPAM_DECODERS } from './spam';
export { judgeReport, riskyFileWarnings, withRiskyFiles } from './verdict';
export { formatDuration } from './duration';
export type * from './types';
