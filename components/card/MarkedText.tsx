/**
 * Text with the words of a search marked (mark.js). The element's children
 * are this component's own, not Preact's: Preact renders an empty element and
 * mark.js splits the text inside it, so no text node Preact keeps is ever
 * split under it.
 */
import Mark from 'mark.js';
import { useLayoutEffect, useRef } from 'preact/hooks';

export function MarkedText({
  as: Tag,
  class: className,
  text,
  query = '',
}: {
  as: 'p' | 'blockquote';
  class: string;
  text: string;
  query?: string;
}) {
  const ref = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.textContent = text;
    if (query.trim()) new Mark(el).mark(query.trim(), { separateWordSearch: true, diacritics: true, className: 'search-hit' });
  }, [text, query]);
  return <Tag class={className} ref={(el: HTMLElement | null) => void (ref.current = el)} />;
}
