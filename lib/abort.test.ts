import { describe, expect, it } from 'vitest';
import { lastInFirstOut, listenersUntilAbort, onAbort } from './abort';

describe('onAbort', () => {
  it('stops once on abort, at once when already aborted, and a stop that throws stops nothing else', () => {
    const life = new AbortController();
    const calls: string[] = [];
    onAbort(life.signal, () => {
      calls.push('throws');
      throw new Error('Extension context invalidated.');
    });
    onAbort(life.signal, () => calls.push('after'));
    expect(calls).toEqual([]);
    life.abort();
    life.abort();
    expect(calls).toEqual(['throws', 'after']);
    onAbort(life.signal, () => calls.push('late'));
    expect(calls.at(-1)).toBe('late');
  });
});

describe('lastInFirstOut', () => {
  it('aborts the features in the reverse order they started, with the reason', () => {
    const life = new AbortController();
    const feature = lastInFirstOut(life.signal);
    const order: string[] = [];
    for (const name of ['highlighting', 'card', 'passages']) {
      const signal = feature();
      signal.addEventListener('abort', () => order.push(`${name}: ${signal.reason}`));
    }
    expect(order).toEqual([]);
    life.abort('invalidated');
    expect(order).toEqual(['passages: invalidated', 'card: invalidated', 'highlighting: invalidated']);
    expect(feature().aborted).toBe(true);
  });
});

describe('listenersUntilAbort', () => {
  it('calls each listener in the order added, until its own signal aborts', () => {
    const listeners = listenersUntilAbort<[string]>();
    const [a, b] = [new AbortController(), new AbortController()];
    const heard: string[] = [];
    listeners.add(a.signal, (x) => heard.push(`a ${x}`));
    listeners.add(b.signal, (x) => heard.push(`b ${x}`));
    listeners.emit('1');
    a.abort();
    listeners.emit('2');
    expect(heard).toEqual(['a 1', 'b 1', 'b 2']);
  });
});
