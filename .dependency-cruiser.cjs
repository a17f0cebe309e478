// The layer order of src/, checked by `npm test` (step "layers"). Each room may import only the rooms below it:
//
//   entrypoints/          the extension's pages and scripts: anything
//   page/  background/    content-script plumbing (mounts ui, runs features); the background's right-click menus
//   ui/                   components, and the actions they run: features, alerts, backup, settings, ksuite, mail, i18n
//   features/  alerts/    what the user does / what the background watches: mail, ksuite, settings, i18n
//   backup/               the mailbox backup engine, run by the backup page: mail, ksuite, settings, i18n
//   settings/  i18n.ts    stored preferences, translated text (menu-items.ts, the browser's menus; shortcuts.ts)
//   ksuite/               the only code that knows Infomaniak: mail
//   mail/                 pure message logic: nothing else of src/
//
// Rooms below page/ may use its protocol modules only (PAGE_PROTOCOLS). Tests may reach further (a test of mail/ may use
// ksuite's header defaults as realistic input), so the rules below look at shipped modules only.
const TEST = '\\.test\\.tsx?$|/testing/';

/**
 * The modules of src/page that rooms below it may use: how a file is saved from a page (and shown in the downloads),
 * and the shapes of the messages between the extension's pages and the webmail tab. Nothing else of the plumbing.
 */
const PAGE_PROTOCOLS = [
  'page/save-file\\.ts$',
  'page/show-download\\.ts$',
  'page/page-messages\\.ts$',
  'page/inspector-handoff\\.ts$',
];

/** Modules at the top of src/ that any room above ksuite/ may use: translated text, the browser's menus, shortcuts,
 * answering runtime messages. */
const NEUTRAL = ['i18n\\.ts$', 'menu-items\\.ts$', 'shortcuts\\.ts$', 'runtime-messages\\.ts$'];

/** A rule that forbids a room (`from`) to import from anything under src/ but the listed rooms. */
function onlyImports(name, from, allowed, comment) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: `^src/${from}`, pathNot: TEST },
    to: { path: '^src/', pathNot: [`^src/${from}`, ...allowed.map((room) => `^src/${room}`)] },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'An import circle: two modules that each need the other belong together, or one of them is in the wrong room.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    onlyImports('mail-is-pure', 'mail/', [], 'src/mail is pure message logic: it knows no other part of src.'),
    onlyImports(
      'ksuite-builds-on-mail',
      'ksuite/',
      ['mail/'],
      'src/ksuite knows Infomaniak and builds on src/mail only.',
    ),
    onlyImports(
      'settings-below-features',
      'settings/',
      ['mail/', 'ksuite/', ...NEUTRAL],
      'Settings are read by features, alerts and pages, never the other way.',
    ),
    onlyImports(
      'features-below-ui',
      'features/',
      ['mail/', 'ksuite/', 'settings/', ...NEUTRAL, 'page/save-file\\.ts$'],
      'An action does its work and reports progress; how it looks is src/ui, where it is mounted is src/page.',
    ),
    onlyImports(
      'backup-below-ui',
      'backup/',
      ['mail/', 'ksuite/', 'settings/', ...NEUTRAL],
      'The backup engine lists, fetches and writes; the backup page (entrypoints/backup, src/ui/backup) shows it.',
    ),
    onlyImports(
      'alerts-below-ui',
      'alerts/',
      ['mail/', 'ksuite/', 'settings/', ...NEUTRAL],
      'The background alerts need no components: t() is in src/i18n.ts.',
    ),
    onlyImports(
      'ui-is-components',
      'ui/',
      ['mail/', 'ksuite/', 'settings/', 'alerts/', 'features/', 'backup/', ...NEUTRAL, ...PAGE_PROTOCOLS],
      'Components show what they are given and run the actions they are handed; mounting them is src/page.',
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.css(\\?inline)?$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
