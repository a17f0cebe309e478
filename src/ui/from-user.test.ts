import { describe, expect, it, vi } from 'vitest';
import { fromUser } from './from-user';

// Node has no user to click; an event's trust is the browser's to set, so here it is given the way the browser
// reports it. The browser tests (tests/e2e/page-scripts.e2e.ts) click for real and as a page script would.
const event = (isTrusted: boolean) => ({ type: 'click', isTrusted }) as Event;

describe('fromUser', () => {
  it("passes the user's own input on to the handler, with the event", () => {
    const handler = vi.fn();
    const userInput = event(true);
    fromUser(handler)(userInput);
    expect(handler).toHaveBeenCalledExactlyOnceWith(userInput);
  });

  it('ignores an event a script made', () => {
    const handler = vi.fn();
    fromUser(handler)(event(false));
    expect(handler).not.toHaveBeenCalled();
  });
});
