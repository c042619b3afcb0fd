import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { ComponentChild } from 'preact';
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/virtual-core';

export interface VirtualListProps<T> {
  items: T[];
  estimateSize: number;
  getKey(item: T): string;
  renderItem(item: T): ComponentChild;
  label: string;
}

/** Renders only the rows in view (@tanstack/virtual-core), so 10,000 notes scroll smoothly. */
export function VirtualList<T>({ items, estimateSize, getKey, renderItem, label }: VirtualListProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [virtualizer] = useState(
    () =>
      new Virtualizer<HTMLDivElement, HTMLElement>({
        count: items.length,
        getScrollElement: () => scrollRef.current,
        estimateSize: () => estimateSize,
        scrollToFn: elementScroll,
        observeElementRect,
        observeElementOffset,
        overscan: 6,
        onChange: () => rerender(0),
        getItemKey: (i) => getKey(items[i]!),
      }),
  );
  virtualizer.setOptions({ ...virtualizer.options, count: items.length, getItemKey: (i) => getKey(items[i]!) });
  useEffect(() => virtualizer._didMount(), []);
  useEffect(() => virtualizer._willUpdate());

  return (
    <div ref={scrollRef} class="virtual-scroll" role="list" aria-label={label}>
      <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div
            key={row.key as string}
            role="listitem"
            data-index={row.index}
            ref={(el) => {
              if (el) virtualizer.measureElement(el);
            }}
            style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${row.start}px)` }}
          >
            {renderItem(items[row.index]!)}
          </div>
        ))}
      </div>
    </div>
  );
}
