import { describe, expect, it, vi } from 'vitest';
import { focusTrap } from './focus-trap';
import type { NotesFrame } from '../notes-frame';

/** A pinned card as the compact card lays it out: Close, In Korean, the notes frame, then More with its link. */
function card() {
  const root = document.createElement('div');
  const [close, korean] = [document.createElement('button'), document.createElement('button')];
  // The notes frame's element (a focusable stand-in: happy-dom loads no frames).
  const iframe = document.createElement('div');
  iframe.tabIndex = 0;
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  const link = document.createElement('a');
  link.href = '#glossary';
  details.append(summary, link);
  root.append(close, korean, iframe, details);
  document.body.replaceChildren(root);
  const frame = { element: iframe, focus: vi.fn() } as unknown as NotesFrame;
  const trap = focusTrap({ element: () => root, frame: () => frame, active: () => document.activeElement, pinned: () => true });
  return { trap, close, korean, summary, details, link, frame };
}

const tab = (shiftKey = false) => new KeyboardEvent('keydown', { key: 'Tab', shiftKey, cancelable: true });

describe('focusTrap (the pinned card is a dialog)', () => {
  it('hands Tab from the notes frame on to the control after it, and Shift+Tab to the one before', () => {
    const { trap, korean, summary } = card();
    trap.leaveFrame(false);
    expect(document.activeElement).toBe(summary);
    trap.leaveFrame(true);
    expect(document.activeElement).toBe(korean);
  });

  it('cycles over what can take focus: the link under a closed More is left out until it opens', () => {
    const { trap, close, summary, details, link, frame } = card();
    summary.focus();
    const forward = tab();
    trap.onKeyDown(forward);
    expect(forward.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(close);
    details.open = true;
    close.focus();
    trap.onKeyDown(tab(true));
    expect(document.activeElement).toBe(link);
    expect(frame.focus).not.toHaveBeenCalled();
  });
});
