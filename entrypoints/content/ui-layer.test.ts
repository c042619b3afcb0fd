import { afterEach, describe, expect, it, vi } from 'vitest';
import { createUiLayer } from './ui-layer';

type Popover = HTMLElement & { showPopover(): void; hidePopover(): void };
/** happy-dom has no Popover API: how the layer raises its host (shown again, last in the top layer). */
const showPopover = vi.fn<(this: Popover) => void>();
Object.assign(HTMLElement.prototype, { showPopover, hidePopover() {} });

afterEach(() => {
  showPopover.mockReset();
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('the UI layer watching shown surfaces for covers', () => {
  it('reports a covered surface at once and each check after, raises over it, and stops with its signal', () => {
    vi.useFakeTimers();
    const life = new AbortController();
    const layer = createUiLayer(life.signal, '');
    const surface = document.createElement('div');
    layer.slot('card').append(surface);
    const host = (surface.getRootNode() as ShadowRoot).host;
    vi.spyOn(surface, 'getBoundingClientRect').mockReturnValue(DOMRect.fromRect({ x: 10, y: 10, width: 100, height: 50 }));
    let cover: Element | null = document.body;
    vi.spyOn(document, 'elementFromPoint').mockImplementation(() => cover ?? host);
    const raised = showPopover.mockImplementation(() => {
      // The raise lifts our host above the page's cover.
      cover = null;
    });
    raised.mockClear();
    const reports: boolean[] = [];
    const showing = new AbortController();
    layer.watchCover(
      () => [surface],
      showing.signal,
      (covered) => reports.push(covered),
    );
    expect(raised).toHaveBeenCalledTimes(1);
    expect(raised.mock.contexts[0]).toBe(host);
    expect(reports).toEqual([false]);
    // A cover the raise cannot lift (the page shows it again at once) is reported.
    raised.mockImplementation(() => undefined);
    cover = document.body;
    vi.advanceTimersByTime(200);
    expect(reports).toEqual([false, true]);
    showing.abort();
    vi.advanceTimersByTime(1000);
    expect(reports).toEqual([false, true]);
    expect(vi.getTimerCount()).toBe(0);
    life.abort();
  });

  it('raises nothing for a surface with no box in view (a frame loading out of sight), which counts as covered', () => {
    vi.useFakeTimers();
    const life = new AbortController();
    const layer = createUiLayer(life.signal, '');
    const parked = document.createElement('div');
    layer.slot('parking').append(parked);
    vi.spyOn(document, 'elementFromPoint').mockReturnValue(document.body);
    const raised = showPopover;
    raised.mockClear();
    const reports: boolean[] = [];
    layer.watchCover(
      () => [parked],
      life.signal,
      (covered) => reports.push(covered),
    );
    vi.advanceTimersByTime(400);
    expect(raised).not.toHaveBeenCalled();
    expect(reports).toEqual([true, true, true]);
    life.abort();
    expect(vi.getTimerCount()).toBe(0);
  });
});
