import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { startIssuingSaveTickets } from './save-tickets';
import { EXPECT_SAVE, SAVE_TICKET_REQUEST } from '../page/save-ticket-messages';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

// The background's side of saving through the kSuite shell. Which frames may ask, and what the shell is told, is
// decided here; that a forged or replayed request saves nothing is shown in real browsers (tests/e2e/page-scripts).

const shell = vi.fn<(tabId: number, message: unknown, options: { frameId: number }) => Promise<unknown>>();
const mailFrame = {
  id: fakeBrowser.runtime.id,
  tab: { id: 7 },
  frameId: 3,
  url: 'https://mail.infomaniak.com/0?ksuite-mode=full',
};

beforeEach(() => {
  fakeBrowser.reset();
  shell.mockReset();
  shell.mockResolvedValue(true);
  Object.assign(fakeBrowser.tabs, { sendMessage: shell });
  startIssuingSaveTickets();
});

async function ask(fileName: string, sender: object): Promise<unknown> {
  const answers = await fakeBrowser.runtime.onMessage.trigger({ type: SAVE_TICKET_REQUEST, fileName }, sender);
  return answers.find((answer) => answer !== undefined);
}

describe('save tickets', () => {
  it('hands a mail frame a ticket once the shell of its tab expects it, under a safe name', async () => {
    const ticket = await ask('Rechnung\u202Efdp.exe / März: 2026?.pdf', mailFrame);
    expect(ticket).toMatch(/^[0-9a-f-]{36}$/);
    expect(shell).toHaveBeenCalledExactlyOnceWith(
      7,
      { type: EXPECT_SAVE, ticket, fileName: 'Rechnungfdp.exe _ März_ 2026_.pdf' },
      { frameId: 0 },
    );
  });

  it('makes a new ticket each time', async () => {
    const first = await ask('a.eml', mailFrame);
    const second = await ask('a.eml', mailFrame);
    expect(second).not.toBe(first);
  });

  it.each([
    ['the top frame', { ...mailFrame, frameId: 0 }],
    ['a frame of another host', { ...mailFrame, url: 'https://ksuite.infomaniak.com/all/mail/0' }],
    ['a frame of a look-alike host', { ...mailFrame, url: 'https://mail.infomaniak.com.example/0' }],
    ['no tab', { ...mailFrame, tab: undefined }],
    ['another extension', { ...mailFrame, id: 'someone-else' }],
  ])('gives none to %s, and tells the shell nothing', async (_, sender) => {
    expect(await ask('a.eml', sender)).toBeNull();
    expect(shell).not.toHaveBeenCalled();
  });

  it('gives none when no shell content script takes it (the frame then saves the file itself)', async () => {
    shell.mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    expect(await ask('a.eml', mailFrame)).toBeNull();
  });
});
