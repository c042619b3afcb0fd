import { afterAll, describe, expect, it } from 'vitest';
import { keepMarksSelectable } from './selectable-marks';
import { MARK_CLASS, MARK_TAG, wrapRanges } from './wrap';

const life = new AbortController();
keepMarksSelectable(window, life.signal);
afterAll(() => life.abort());

function pointer(type: string, target: EventTarget, init: PointerEventInit = {}) {
  target.dispatchEvent(new PointerEvent(type, { bubbles: true, composed: true, isPrimary: true, button: 0, ...init }));
}

/** A paragraph with one of our marks (tabindex 0, as the highlighter makes them) and a look-alike the page wrote. */
function page() {
  const p = document.createElement('p');
  p.append('Under the Regional Sustainment Framework, the Pentagon');
  document.body.replaceChildren(p);
  const [mark] = wrapRanges([p.firstChild as Text], [{ start: 10, length: 30 }], MARK_TAG, MARK_CLASS, (el) => (el.tabIndex = 0));
  const fake = document.createElement(MARK_TAG);
  fake.className = MARK_CLASS;
  fake.tabIndex = 0;
  fake.textContent = 'USFK';
  p.append(fake);
  return { mark: mark!, fake };
}

describe('keepMarksSelectable', () => {
  it('takes our mark out of the tab order while the primary pointer is down on it, and back in after', () => {
    const { mark } = page();
    pointer('pointerdown', mark.firstChild!);
    expect(mark.hasAttribute('tabindex')).toBe(false);
    pointer('pointermove', document.body);
    expect(mark.hasAttribute('tabindex')).toBe(false);
    pointer('pointerup', document.body);
    expect(mark.tabIndex).toBe(0);
    expect(mark.textContent).toBe('Regional Sustainment Framework');
  });

  it('also comes back when the pointer is cancelled', () => {
    const { mark } = page();
    pointer('pointerdown', mark);
    pointer('pointercancel', document.body);
    expect(mark.getAttribute('tabindex')).toBe('0');
  });

  it('leaves look-alike marks, secondary buttons and other elements alone', () => {
    const { mark, fake } = page();
    pointer('pointerdown', fake);
    expect(fake.getAttribute('tabindex')).toBe('0');
    pointer('pointerdown', mark, { button: 2 });
    expect(mark.getAttribute('tabindex')).toBe('0');
    pointer('pointerdown', document.body);
    expect(mark.getAttribute('tabindex')).toBe('0');
  });
});
