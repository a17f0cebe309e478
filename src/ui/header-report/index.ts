/** The header report panel, for the inspector page and (in a shadow root) the webmail. */
export { HeaderReportView, type HeaderReportViewProps } from './header-report-view';
export { checkDkimBodiesAfterRender } from './dkim-body-check';
/** The panel's CSS as text, for a `<style>` in a shadow root; the inspector page imports the file itself. */
export { default as headerReportCss } from './header-report.css?inline';
