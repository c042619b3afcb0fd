/**
 * "Add note" beside the reader's selection: offered for text outside the
 * extension's UI and outside editors and forms, placed so it covers no text.
 */
import { render } from 'preact';
import { isInsideForbidden } from '@/lib/highlight/blocks';
import { t } from '@/lib/i18n';
import type { UiLayer } from '../ui-layer';

/** The selection worth a note, if any. */
export function noteableSelection(layer: UiLayer): Range | null {
  const selection = getSelection();
  if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
  const range = selection.getRangeAt(0);
  if (layer.contains(range.commonAncestorContainer) || isInsideForbidden(range.commonAncestorContainer)) return null;
  return range.toString().trim().length >= 3 ? range : null;
}

/**
 * Shows the button in the margin right of the paragraph, level with the
 * selection's last line; where there is no margin (narrow screens), above the
 * selection's first line.
 */
export function offerButton(layer: UiLayer, range: Range, onClick: () => void) {
  const rects = range.getClientRects();
  const first = rects[0] ?? range.getBoundingClientRect();
  const last = rects[rects.length - 1] ?? first;
  const root = layer.slot('selection');
  render(
    <button
      type="button"
      class="primary selection-button"
      style={{ position: 'fixed', left: '0px', top: '0px', visibility: 'hidden' }}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {t('note_addButton')}
    </button>,
    root,
  );
  const button = root.querySelector<HTMLElement>('.selection-button');
  if (!button) return;
  const size = button.getBoundingClientRect();
  const endNode = range.endContainer instanceof Element ? range.endContainer : range.endContainer.parentElement;
  const block = endNode?.closest('p, li, blockquote, dd, td, h1, h2, h3, h4, h5, h6, article, section, div') ?? document.body;
  const margin = block.getBoundingClientRect().right + 8;
  const inMargin = margin + size.width <= innerWidth - 8;
  const left = inMargin ? margin : Math.max(8, Math.min(first.left, innerWidth - size.width - 8));
  const above = first.top - size.height - 4;
  const top = inMargin ? last.top + (last.height - size.height) / 2 : above >= 8 ? above : last.bottom + 4;
  button.style.setProperty('left', `${left}px`);
  button.style.setProperty('top', `${Math.max(8, Math.min(top, innerHeight - size.height - 8))}px`);
  button.style.removeProperty('visibility');
}

/** Takes the button away (the selection it was for is gone). */
export function withdrawButton(layer: UiLayer) {
  layer.clear('selection');
}
