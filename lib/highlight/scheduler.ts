/**
 * When highlighting work runs: page changes are gathered and handled together
 * (a debounce that still fires while a page never stops changing), and long
 * work is cut into slices that leave the main thread to the page in between.
 */

/** Time budget of one slice of work, well under the 50 ms of a long task. */
const SLICE_MS = 8;

/** Gives the main thread back to the page (scheduler.yield where the browser has it: no 4 ms timer clamp). */
function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Calls `fire` once changes stop for `quietMs`, or `maxWaitMs` after the first
 * unhandled change at the latest, so continuous page activity cannot starve it.
 */
export class Debouncer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstPoke = 0;

  constructor(
    private readonly fire: () => void,
    private readonly quietMs: number,
    private readonly maxWaitMs: number,
  ) {}

  get pending(): boolean {
    return this.timer !== undefined;
  }

  poke() {
    const now = performance.now();
    if (this.timer === undefined) this.firstPoke = now;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.quietMs, this.firstPoke + this.maxWaitMs - now));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.fire();
    }, wait);
  }

  cancel() {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** Runs async jobs one after another; `idle()` resolves when none is left. */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private running = 0;

  run(job: () => Promise<void> | void): Promise<void> {
    this.running++;
    this.tail = this.tail
      .then(job)
      .catch((e) => console.error('[Alliance Lens] highlighting failed', e))
      .finally(() => this.running--);
    return this.tail;
  }

  get busy(): boolean {
    return this.running > 0;
  }

  idle(): Promise<void> {
    return this.tail;
  }
}

/**
 * Calls `step` on items until they run out, yielding to the page whenever a
 * slice has used its budget; stops early when `cancelled()` turns true.
 */
export async function inSlices<T>(
  items: Iterator<T>,
  step: (item: T) => void,
  cancelled: () => boolean,
  afterSlice?: () => void,
): Promise<void> {
  for (let next = items.next(); !next.done; ) {
    const sliceStart = performance.now();
    for (; !next.done && performance.now() - sliceStart < SLICE_MS; next = items.next()) step(next.value);
    afterSlice?.();
    if (next.done) return;
    await yieldToPage();
    if (cancelled()) return;
  }
}
