import { describe, expect, it } from 'vitest';
import { OBSERVES_VISIBILITY, createInputGate } from './input-gate';

/** Dispatches a reader's event (as trusted as a test can make it) at the frame's text box; whether it went through. */
function reaches(target: EventTarget, event: Event): boolean {
  let reached = false;
  target.addEventListener(event.type, () => (reached = true), { once: true });
  target.dispatchEvent(event);
  return reached;
}

describe('the notes frame input gate (where the content script reports covers: no IntersectionObserver v2 here)', () => {
  it('drops clicks and submits while the content script says the frame is covered, and says so while it is', () => {
    expect(OBSERVES_VISIBILITY).toBe(false);
    const gate = createInputGate();
    const box = document.body.appendChild(document.createElement('textarea'));
    const notices: boolean[] = [];
    gate.onCovered((covered) => notices.push(covered));
    // Not yet answered: the reader's first click is taken.
    expect(reaches(box, new MouseEvent('click', { bubbles: true }))).toBe(true);
    gate.setCovered(true);
    for (const event of [
      new MouseEvent('click', { bubbles: true }),
      new PointerEvent('pointerdown', { bubbles: true }),
      new MouseEvent('mousedown', { bubbles: true }),
      new Event('submit', { bubbles: true }),
    ]) {
      expect(reaches(box, event), event.type).toBe(false);
    }
    expect(notices).toEqual([true]);
    // Typed text stays in the frame (it is not refused): only what opens, presses or submits is.
    expect(reaches(box, new KeyboardEvent('keydown', { key: 'a', bubbles: true }))).toBe(true);
    gate.setCovered(false);
    expect(notices).toEqual([true, false]);
    expect(reaches(box, new MouseEvent('click', { bubbles: true }))).toBe(true);
    // Shown again: the content script's answer stands until it answers again (it checks at each showing).
    gate.setCovered(true);
    gate.rearm();
    expect(notices).toEqual([true, false, true]);
    expect(reaches(box, new MouseEvent('click', { bubbles: true }))).toBe(false);
    gate.setCovered(false);
    expect(reaches(box, new MouseEvent('click', { bubbles: true }))).toBe(true);
  });
});
