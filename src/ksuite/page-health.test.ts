import { describe, expect, it } from 'vitest';
import { summarisePageHealth, urlShape, type FrameHealth } from './page-health';

const NONE = {
  openedMessage: 0,
  openedMessageFooter: 0,
  threadToolbar: 0,
  listRow: 0,
  selectedListRow: 0,
  mailAppFrame: 0,
};

function frame(overrides: Partial<Omit<FrameHealth, 'matches'>> & { matches?: Partial<typeof NONE> }): FrameHealth {
  return {
    host: 'mail',
    top: true,
    urlShape: 'mail.infomaniak.com/{n}',
    messageUrl: false,
    ...overrides,
    matches: { ...NONE, ...overrides.matches },
  };
}

describe('urlShape', () => {
  it.each([
    ['https://mail.infomaniak.com/0;fid=eJzz9HPyjwAABGYBgQ--', 'mail.infomaniak.com/{n};fid={id}'],
    [
      'https://mail.infomaniak.com/1;fid=eJzz9HPyjwAABGYBgQ--/thread/4711',
      'mail.infomaniak.com/{n};fid={id}/thread/{n}',
    ],
    ['https://mail.infomaniak.com/0/folder/eJzz9HPyjwAABGYBgQ%3D%3D', 'mail.infomaniak.com/{n}/folder/{id}'],
    ['https://ksuite.infomaniak.com/all/mail/0', 'ksuite.infomaniak.com/all/mail/{n}'],
    ['https://ksuite.infomaniak.com/123456/mail', 'ksuite.infomaniak.com/{n}/mail'],
    ['https://mail.infomaniak.com/0/settings/signatures', 'mail.infomaniak.com/{n}/settings/signatures'],
    [
      'https://mail.infomaniak.com/0?ksuite-mode=light&space-id=98765',
      'mail.infomaniak.com/{n}?ksuite-mode={…}&space-id={…}',
    ],
    ['https://mail.infomaniak.com/0/search/jane.doe@example.org#message-12', 'mail.infomaniak.com/{n}/search/{id}#{…}'],
    ['https://mail.infomaniak.com/0/folder/Projects2026', 'mail.infomaniak.com/{n}/folder/{id}'],
  ])('%s → %s', (href, shape) => {
    expect(urlShape(href)).toBe(shape);
  });
});

describe('summarisePageHealth', () => {
  it('an opened message with its footer is ready', () => {
    const health = summarisePageHealth([frame({ matches: { openedMessage: 1, openedMessageFooter: 1 } })]);
    expect(health).toMatchObject({ host: 'mail', view: 'message', ready: true });
  });

  it('an opened message with only the thread toolbar is ready', () => {
    const health = summarisePageHealth([frame({ matches: { openedMessage: 2, threadToolbar: 1 } })]);
    expect(health).toMatchObject({ view: 'message', ready: true });
  });

  it('an opened message with neither footer nor thread toolbar looks different', () => {
    const health = summarisePageHealth([frame({ matches: { openedMessage: 1, listRow: 50 } })]);
    expect(health).toMatchObject({ view: 'message', ready: false });
  });

  it('a message URL without a recognised message element looks different', () => {
    const health = summarisePageHealth([frame({ messageUrl: true, matches: { listRow: 50, threadToolbar: 1 } })]);
    expect(health).toMatchObject({ view: 'message', ready: false });
  });

  it('the list with rows is ready; without rows it looks different', () => {
    expect(summarisePageHealth([frame({ matches: { listRow: 3 } })])).toMatchObject({ view: 'list', ready: true });
    expect(summarisePageHealth([frame({})])).toMatchObject({ view: 'unrecognised', ready: false });
  });

  it('a settings page has nothing to find and is fine', () => {
    const health = summarisePageHealth([frame({ urlShape: 'mail.infomaniak.com/{n}/settings/signatures' })]);
    expect(health).toMatchObject({ view: 'settings', ready: true });
  });

  it('takes the kSuite shell and its mail frame together, the shell first', () => {
    const health = summarisePageHealth([
      frame({ top: false, urlShape: 'mail.infomaniak.com/{n}', matches: { openedMessage: 1, openedMessageFooter: 1 } }),
      frame({ host: 'ksuite-shell', urlShape: 'ksuite.infomaniak.com/all/mail/{n}', matches: { mailAppFrame: 1 } }),
    ]);
    expect(health.host).toBe('ksuite-shell');
    expect(health).toMatchObject({ view: 'message', ready: true });
    expect(health.urlShapes).toEqual(['ksuite.infomaniak.com/all/mail/{n}', 'mail.infomaniak.com/{n}']);
    expect(health.matches).toEqual({ ...NONE, openedMessage: 1, openedMessageFooter: 1, mailAppFrame: 1 });
  });

  it('the shell alone, its mail frame silent, looks different', () => {
    const health = summarisePageHealth([frame({ host: 'ksuite-shell', matches: { mailAppFrame: 1 } })]);
    expect(health).toMatchObject({ host: 'ksuite-shell', view: 'unrecognised', ready: false });
  });

  it('no answer at all is told apart', () => {
    expect(summarisePageHealth([])).toMatchObject({ host: 'unknown', view: 'no-answer', ready: false });
  });
});
