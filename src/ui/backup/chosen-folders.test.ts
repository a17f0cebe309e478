import { describe, expect, it } from 'vitest';
import {
  chooseFolder,
  chooseMailbox,
  chosenTotal,
  everyFolder,
  mailboxTick,
  rangeIsBackwards,
  selectionOf,
} from './chosen-folders';
import { MAILBOXES } from './testing/fake-engine';

const [demo, team] = MAILBOXES as [(typeof MAILBOXES)[0], (typeof MAILBOXES)[0]];
const noRange = { from: '', to: '' };

describe('choosing what to back up', () => {
  it('starts with every folder of every mailbox, and totals the server counts (12+5+3+7 + 40)', () => {
    const chosen = everyFolder(MAILBOXES);
    expect(mailboxTick(chosen, demo)).toBe('all');
    expect(mailboxTick(chosen, team)).toBe('all');
    expect(chosenTotal(chosen, MAILBOXES)).toEqual({ messages: 67, folders: 6, uncounted: 1 });
  });

  it("a mailbox's box clears and ticks all its folders, and leaves the other mailbox alone", () => {
    const cleared = chooseMailbox(everyFolder(MAILBOXES), demo, false);
    expect(mailboxTick(cleared, demo)).toBe('none');
    expect(mailboxTick(cleared, team)).toBe('all');
    expect(chosenTotal(cleared, MAILBOXES).messages).toBe(40);
    const ticked = chooseMailbox(cleared, demo, true);
    expect(mailboxTick(ticked, demo)).toBe('all');
    expect(chosenTotal(ticked, MAILBOXES).messages).toBe(67);
  });

  it("a folder's box is its own: clearing a parent keeps its subfolder, and the mailbox shows 'some'", () => {
    const chosen = chooseFolder(everyFolder(MAILBOXES), 'mb-1', 'projects', false);
    expect(mailboxTick(chosen, demo)).toBe('some');
    expect(selectionOf(chosen, MAILBOXES, 'eml', noRange).mailboxes[0]!.folderIds).toEqual(['inbox', 'p2026', 'sent']);
    expect(chosenTotal(chosen, MAILBOXES).messages).toBe(62);
  });

  it('folder ids of two mailboxes do not mix (both have an "inbox")', () => {
    const chosen = chooseFolder(everyFolder(MAILBOXES), 'mb-2', 'inbox', false);
    expect(mailboxTick(chosen, demo)).toBe('all');
    expect(chosenTotal(chosen, MAILBOXES).messages).toBe(27);
  });

  it('asks the engine for the chosen folders only, mailboxes with none left out, the days and format as chosen', () => {
    const chosen = chooseMailbox(everyFolder(MAILBOXES), team, false);
    expect(selectionOf(chosen, MAILBOXES, 'mbox', { from: '2026-01-01', to: '' })).toEqual({
      format: 'mbox',
      mailboxes: [{ uuid: 'mb-1', email: 'demo@ik.me', folderIds: ['inbox', 'projects', 'p2026', 'sent'] }],
      from: '2026-01-01',
      to: null,
    });
  });

  it('a range whose start is after its end is refused; a one-day range is not', () => {
    expect(rangeIsBackwards({ from: '2026-03-02', to: '2026-03-01' })).toBe(true);
    expect(rangeIsBackwards({ from: '2026-03-01', to: '2026-03-01' })).toBe(false);
    expect(rangeIsBackwards({ from: '2026-03-02', to: '' })).toBe(false);
  });
});
