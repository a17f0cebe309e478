/**
 * The one guard every control the extension puts into the webmail goes through: it acts only on what the user does.
 * Those controls live in open shadow roots (src/page/shadow-host.ts), so the webmail's own scripts, or a script
 * injected into the page, can reach each button and `click()` it, which would save a message with no one asking.
 * An event a script makes or dispatches is never trusted; the browser's own input is: a mouse click or a tap, Enter
 * or Space on a focused button (the browser turns them into a trusted click), assistive technology.
 *
 * The check sits in each handler rather than once on the shadow root, because a script can also move a button out
 * of the root and click it there, where a listener on the root never hears of it.
 */
export function fromUser<E extends Event>(handler: (event: E) => void): (event: E) => void {
  return (event) => {
    if (event.isTrusted) handler(event);
  };
}
