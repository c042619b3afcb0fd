/**
 * The extension's one element on a page: a host whose tag is random per
 * script instance (a page cannot register it first), with a closed shadow
 * root referenced only from this closure, so page scripts cannot reach into
 * it. Every in-page surface (the card, the focus ring, passage notes, the
 * note button and panel) renders into a slot of this one root.
 *
 * The host is added once, when something first needs showing, with every
 * attribute and style set before it enters the page: a page's
 * MutationObserver sees one added element and nothing else, ever. It is a
 * manual popover in the top layer (above any z-index, raised again at each
 * opening), zero-sized and fixed (no layout shift), styled by a constructed
 * stylesheet (not subject to the page's CSP), and keeps key events from the
 * page's shortcuts. While a surface is shown, one watch checks that nothing of
 * the page covers it and raises the host again if something does. A page that
 * removes or hides it gets a new one the next time the reader needs it.
 */
import { render } from 'preact';
import themeCss from '@/components/theme.css?inline';
import { randomHostTag } from '@/lib/frame-protocol';
import { registerOwnUi } from '@/lib/own-ui';
import { onAbort } from '@/lib/abort';
import { isCovered, visibleBox } from './occlusion';

/**
 * The slots, bottom to top: passage boxes and the focus ring under the card, the note button and panel above it,
 * and a frame loading out of sight for the next panel.
 */
export type SlotName = 'passages' | 'ring' | 'card' | 'selection' | 'parking';
const SLOTS: SlotName[] = ['passages', 'ring', 'card', 'selection', 'parking'];

export interface UiLayer {
  /** The container of one surface, creating the host if needed. */
  slot(name: SlotName): HTMLElement;
  /** Empties one surface (creating nothing when there is no host). */
  clear(name: SlotName): void;
  /** Puts the host above everything in the top layer again (a page may have shown a popover since). */
  raise(): void;
  /** Whether an event target or node belongs to this layer. */
  contains(node: EventTarget | null): boolean;
  /** The focused element inside the layer, if any. */
  activeElement(): Element | null;
  /** The element with this id inside the layer. */
  byId(id: string): HTMLElement | null;
  /** While `holds()` says so, the layer outlives the script (a surface holds the reader's unsent text). */
  keepWhile(holds: () => boolean): void;
  /**
   * Until `signal` aborts, checks `elements()` of a shown surface for a cover of the page's: a cover in view
   * raises the layer, and `report` then hears whether any of them is still covered.
   */
  watchCover(elements: () => Element[], signal: AbortSignal, report?: (covered: boolean) => void): void;
}

/** How often shown surfaces are checked for a cover (a page's popover is above any z-index until we are raised). */
const COVER_CHECK_MS = 200;

interface CoverWatch {
  elements(): Element[];
  report?(covered: boolean): void;
}

/** Keys typed in our UI stay there: the page's shortcut listeners never learn them. */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress', 'input', 'beforeinput'] as const;
/** Events that drive controls: only the reader's own (trusted) ones reach a handler in the layer. */
const GUARDED_EVENTS = ['click', 'submit', 'keydown', 'input', 'change', 'pointerdown', 'pointerenter', 'pointerleave'] as const;

/** The host's own box: nothing of the page's styles (nor a popover's defaults) applies to it. */
const HOST_STYLE: [string, string][] = [
  ['all', 'initial'],
  ['position', 'fixed'],
  ['inset', '0 auto auto 0'],
  ['width', '0'],
  ['height', '0'],
  ['margin', '0'],
  ['padding', '0'],
  ['border', '0'],
  ['overflow', 'visible'],
  ['background', 'transparent'],
  ['display', 'block'],
  ['visibility', 'visible'],
  ['opacity', '1'],
  ['z-index', '2147483647'],
];

function dropUntrusted(e: Event) {
  if (e.isTrusted) return;
  e.preventDefault();
  e.stopImmediatePropagation();
}

const isShown = (host: HTMLElement) => {
  if (!host.isConnected) return false;
  const style = getComputedStyle(host);
  return style.display !== 'none' && style.visibility !== 'hidden' && (!('popover' in host) || host.matches(':popover-open'));
};

export function createUiLayer(signal: AbortSignal, css: string): UiLayer {
  const tag = randomHostTag();
  let host: HTMLElement | null = null;
  let shadow: ShadowRoot | null = null;
  const slots = new Map<SlotName, HTMLElement>();
  const holders: (() => boolean)[] = [];
  const watches = new Set<CoverWatch>();
  let coverTimer: ReturnType<typeof setInterval> | undefined;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(themeCss + css);

  /** Shows the host last in the top layer; focus inside it stays where it was (hiding a popover moves focus out). */
  function showOnTop(el: HTMLElement) {
    if (!('showPopover' in el)) return;
    const focused = shadow?.activeElement as HTMLElement | null | undefined;
    if (el.matches(':popover-open')) el.hidePopover();
    el.showPopover();
    if (focused?.isConnected && shadow?.activeElement !== focused) focused.focus({ preventScroll: true });
  }

  function create() {
    const el = document.createElement(tag);
    registerOwnUi(el);
    if ('popover' in el) el.popover = 'manual';
    for (const [prop, value] of HOST_STYLE) el.style.setProperty(prop, value, 'important');
    const root = el.attachShadow({ mode: 'closed' });
    root.adoptedStyleSheets = [sheet];
    for (const type of ISOLATED_EVENTS) el.addEventListener(type, (e) => e.stopPropagation());
    for (const type of GUARDED_EVENTS) root.addEventListener(type, dropUntrusted, { capture: true });
    const container = document.createElement('div');
    container.className = 'layer';
    slots.clear();
    for (const name of SLOTS) {
      const slot = document.createElement('div');
      slot.className = `slot-${name}`;
      container.append(slot);
      slots.set(name, slot);
    }
    root.append(container);
    (document.body ?? document.documentElement).append(el);
    host = el;
    shadow = root;
    showOnTop(el);
  }

  function ensure() {
    if (host && isShown(host)) return;
    // The page removed or hid our host: what was in it is gone with it, and a new one takes its place.
    host?.remove();
    create();
  }

  /** One check for every shown surface: raise first, so a cover the raise lifted is not reported. */
  function checkCovers() {
    // A surface clipped out of view or not laid out yet has nothing a cover could hide.
    const coveredInView = (w: CoverWatch) => w.elements().some((el) => visibleBox(el) && isCovered(el));
    if (host && [...watches].some(coveredInView)) showOnTop(host);
    for (const w of watches) w.report?.(w.elements().some((el) => isCovered(el)));
  }

  // An orphaned script removes its UI, unless that UI holds the reader's unsent text.
  onAbort(signal, () => {
    clearInterval(coverTimer);
    if (holders.some((holds) => holds())) return;
    host?.remove();
    host = shadow = null;
  });

  return {
    slot(name) {
      ensure();
      return slots.get(name)!;
    },
    clear(name) {
      const slot = slots.get(name);
      if (!slot) return;
      // A Preact tree (the card, the panel) unmounts; plain boxes just go.
      render(null, slot);
      slot.replaceChildren();
    },
    raise() {
      ensure();
      showOnTop(host!);
    },
    contains(node) {
      return node instanceof Node && !!host && (node === host || host.contains(node) || node.getRootNode() === shadow);
    },
    activeElement() {
      return shadow?.activeElement ?? null;
    },
    byId(id) {
      return shadow?.getElementById(id) ?? null;
    },
    keepWhile(holds) {
      holders.push(holds);
    },
    watchCover(elements, until, report) {
      if (signal.aborted || until.aborted) return;
      const watch = { elements, report };
      watches.add(watch);
      checkCovers();
      coverTimer ??= setInterval(checkCovers, COVER_CHECK_MS);
      onAbort(until, () => {
        watches.delete(watch);
        if (watches.size) return;
        clearInterval(coverTimer);
        coverTimer = undefined;
      });
    },
  };
}
