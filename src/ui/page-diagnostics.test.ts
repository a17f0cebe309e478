import { describe, expect, it } from 'vitest';
import type { PageHealth } from '../ksuite/page-health';
import { browserFromUserAgent, diagnosticsText } from './page-diagnostics';

const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.0.0 Safari/537.36';
const EDGE_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.0.0 Safari/537.36 Edg/137.0.3296.52';
const FIREFOX_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:140.0) Gecko/20100101 Firefox/140.0';
const SAFARI_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15';

describe('browserFromUserAgent', () => {
  it.each([
    [CHROME_LINUX, 'Chrome 137 (Linux)'],
    [EDGE_WINDOWS, 'Edge 137 (Windows)'],
    [FIREFOX_MAC, 'Firefox 140 (macOS)'],
    [SAFARI_MAC, 'Safari 18 (macOS)'],
    [CHROME_LINUX.replace('Chrome/', 'HeadlessChrome/'), 'Chrome 137 headless (Linux)'],
    ['curl/8.0', 'unknown browser (unknown system)'],
  ])('%s', (userAgent, expected) => {
    expect(browserFromUserAgent(userAgent)).toBe(expected);
  });
});

describe('diagnosticsText', () => {
  const health: PageHealth = {
    host: 'ksuite-shell',
    view: 'message',
    ready: false,
    matches: {
      openedMessage: 1,
      openedMessageFooter: 0,
      threadToolbar: 0,
      listRow: 42,
      selectedListRow: 0,
      mailAppFrame: 1,
    },
    urlShapes: ['ksuite.infomaniak.com/all/mail/{n}', 'mail.infomaniak.com/{n};fid={id}/thread/{n}?ksuite-mode={…}'],
  };

  it('gives version, browser, page kind, URL shapes and every selector with its count', () => {
    expect(diagnosticsText(health, { version: '1.2.3', userAgent: FIREFOX_MAC })).toBe(
      [
        'kSuite Mail companion 1.2.3',
        'Browser: Firefox 140 (macOS)',
        'Page: kSuite shell, message open',
        'Recognised: no, the page looks different',
        'URL: ksuite.infomaniak.com/all/mail/{n}',
        'Frame URL: mail.infomaniak.com/{n};fid={id}/thread/{n}?ksuite-mode={…}',
        'Selectors (matches):',
        '  openedMessage div.message-item: 1',
        '  openedMessageFooter div.mailContent-open-footer: 0',
        '  threadToolbar div.mail-toolbar__right: 0',
        '  listRow [data-thread-uid]: 42',
        '  selectedListRow [data-thread-uid].selected, [data-thread-uid][aria-selected="true"]: 0',
        '  mailAppFrame iframe[src^="https://mail.infomaniak.com/"]: 1',
        '',
      ].join('\n'),
    );
  });

  it('says when the extension got no answer from the page', () => {
    const silent: PageHealth = { ...health, host: 'unknown', view: 'no-answer', urlShapes: [] };
    const text = diagnosticsText(silent, { version: '1.2.3', userAgent: CHROME_LINUX });
    expect(text).toContain('Page: not a webmail page, the extension got no answer from the page\n');
    expect(text).not.toContain('URL:');
  });
});
