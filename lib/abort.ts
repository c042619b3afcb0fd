/**
 * Teardown by abort (each feature an `init(signal)`, as in refined-github):
 * one abort of a script's signal (the content script's, the PDF reader's) stops everything.
 */

/**
 * Calls `stop` once `signal` aborts (at once if it already has). A stop that
 * throws is done: an orphaned script cannot unwatch extension APIs, and there
 * is nothing left to unwatch then.
 */
export function onAbort(signal: AbortSignal, stop: () => void): void {
  const run = () => {
    try {
      stop();
    } catch {
      // See above.
    }
  };
  if (signal.aborted) run();
  else signal.addEventListener('abort', run, { once: true });
}

/**
 * A signal per feature, aborted when `signal` aborts, the last feature first:
 * a feature built on another stops before it (the card and passage notes
 * before the highlighter whose marks they use).
 */
export function lastInFirstOut(signal: AbortSignal): () => AbortSignal {
  const features: AbortController[] = [];
  onAbort(signal, () => {
    for (const feature of features.reverse()) feature.abort(signal.reason);
  });
  return () => {
    const feature = new AbortController();
    if (signal.aborted) feature.abort(signal.reason);
    else features.push(feature);
    return feature.signal;
  };
}

/** Listeners that each stay until their own signal aborts. */
export function listenersUntilAbort<A extends unknown[]>() {
  const listeners = new Set<(...args: A) => void>();
  return {
    add(signal: AbortSignal, listener: (...args: A) => void) {
      listeners.add(listener);
      onAbort(signal, () => listeners.delete(listener));
    },
    emit(...args: A) {
      for (const listener of listeners) listener(...args);
    },
  };
}
