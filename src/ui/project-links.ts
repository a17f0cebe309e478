/**
 * Where the project's issue tracker lives. One place, so that a move is one edit; nothing of Infomaniak's is here.
 * TO CONFIRM before publishing: this is the repository name the store listing is meant to link to; if it differs,
 * change it here (the e2e test checks only the `/issues/new` shape).
 */
export const PROJECT_HOME = 'https://github.com/ksuite-tools/ksuite-mail-companion';

/**
 * A new issue, its text prefilled: questions for the user and the page-health diagnostics (version, browser, URL
 * shapes, selector counts: nothing personal). In English, like the diagnostics, for whoever reads the report.
 */
export function newIssueUrl(diagnostics: string): string {
  const body = [
    '**What happened?**',
    '',
    '',
    '**What did you expect?**',
    '',
    '',
    '**Diagnostics** (no addresses, subjects or message contents)',
    '',
    '```',
    diagnostics.trimEnd(),
    '```',
    '',
  ].join('\n');
  const url = new URL(`${PROJECT_HOME}/issues/new`);
  url.searchParams.set('body', body);
  return url.href;
}
