import { defineAction, transferProgress } from './action';

/**
 * "Headers": the message's headers as a report under the toolbar (hops and delays, SPF/DKIM/DMARC, spam verdicts,
 * warnings in plain words). The raw message is downloaded whole, so the report can check its body hashes too.
 */
export default defineAction({
  id: 'headers',
  label: 'action_headers',
  tooltip: 'tooltip_headers',
  menuLabel: 'menu_inspectHeaders',
  icon: 'headers',
  needs: ['raw'],
  message: {
    opensPanel: true,
    async run({ source, message, signal, onProgress }) {
      const raw = await source.raw(message, { signal, ...transferProgress(onProgress) });
      const [{ analyseHeaders }, { infomaniakHeaderOptions }] = await Promise.all([
        import('../mail/headers/analyse'),
        import('../ksuite/header-defaults'),
      ]);
      return { kind: 'header-report', report: analyseHeaders(raw, infomaniakHeaderOptions), raw };
    },
  },
});
