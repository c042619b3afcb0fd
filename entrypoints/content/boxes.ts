/**
 * Boxes drawn over the page's text in the extension's layer (the card term's
 * focus ring, annotated passages): positioned divs from client rects, grown
 * by `grow` px on each side. They take no pointer events (their styles say so).
 */
export function drawBoxes(slot: HTMLElement, className: string, rects: DOMRect[], grow = { x: 0, y: 0 }) {
  slot.replaceChildren(
    ...rects.map((r) => {
      const box = slot.ownerDocument.createElement('div');
      box.className = className;
      box.style.left = `${r.left - grow.x}px`;
      box.style.top = `${r.top - grow.y}px`;
      box.style.width = `${r.width + 2 * grow.x}px`;
      box.style.height = `${r.height + 2 * grow.y}px`;
      return box;
    }),
  );
}
