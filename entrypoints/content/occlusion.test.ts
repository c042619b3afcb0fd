import { afterEach, describe, expect, it, vi } from 'vitest';
import { isCovered } from './occlusion';

/** Our UI: a host with a closed shadow root holding the element checked. */
function ownUi() {
  const host = document.createElement('div');
  const shadow = host.attachShadow({ mode: 'closed' });
  const frame = document.createElement('div');
  shadow.append(frame);
  document.body.append(host);
  vi.spyOn(frame, 'getBoundingClientRect').mockReturnValue(DOMRect.fromRect({ x: 100, y: 100, width: 200, height: 120 }));
  return { host, frame };
}

/** What the page draws at each point: `cover` over the given box, our host elsewhere. */
function hitTest(host: Element, cover?: { el: Element; x: number; y: number; width: number; height: number }) {
  vi.spyOn(document, 'elementFromPoint').mockImplementation((x, y) =>
    cover && x >= cover.x && x < cover.x + cover.width && y >= cover.y && y < cover.y + cover.height ? cover.el : host,
  );
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('isCovered', () => {
  it('is false when every corner and the centre hit our host', () => {
    const { host, frame } = ownUi();
    hitTest(host);
    expect(isCovered(frame)).toBe(false);
  });

  it.each([
    ['the whole card (a same-size popover)', { x: 100, y: 100, width: 200, height: 120 }],
    ['one corner', { x: 290, y: 210, width: 40, height: 40 }],
    ['the middle only', { x: 190, y: 150, width: 20, height: 20 }],
  ])('is true when the page draws over %s', (_name, box) => {
    const { host, frame } = ownUi();
    hitTest(host, { el: document.body, ...box });
    expect(isCovered(frame)).toBe(true);
  });

  it('counts an element with no box as covered, and leaves points outside the viewport unchecked', () => {
    const { host, frame } = ownUi();
    hitTest(host, { el: document.body, x: -1000, y: -1000, width: 900, height: 900 });
    vi.mocked(frame.getBoundingClientRect).mockReturnValue(DOMRect.fromRect({ x: -50, y: -50, width: 200, height: 120 }));
    expect(isCovered(frame)).toBe(false);
    vi.mocked(frame.getBoundingClientRect).mockReturnValue(DOMRect.fromRect({ x: 0, y: 0, width: 0, height: 0 }));
    expect(isCovered(frame)).toBe(true);
  });

  it('checks only the part its clipping ancestors in our UI leave in view (a frame scrolled inside the card)', () => {
    const { host, frame } = ownUi();
    const scroller = document.createElement('div');
    scroller.style.overflow = 'auto';
    frame.replaceWith(scroller);
    scroller.append(frame);
    // The card's scroller shows the frame's top 60 px; the page's text lies below it, where the frame runs on.
    vi.spyOn(scroller, 'getBoundingClientRect').mockReturnValue(DOMRect.fromRect({ x: 100, y: 100, width: 200, height: 60 }));
    hitTest(host, { el: document.body, x: 0, y: 160, width: 1000, height: 1000 });
    expect(isCovered(frame)).toBe(false);
    // Scrolled wholly out of the scroller's view: nothing of it to check, so it takes no input.
    vi.mocked(scroller.getBoundingClientRect).mockReturnValue(DOMRect.fromRect({ x: 100, y: 400, width: 200, height: 60 }));
    expect(isCovered(frame)).toBe(true);
  });
});
