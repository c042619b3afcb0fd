/**
 * An isolated layer for the extension's in-page UI. The host's tag is random
 * per script instance (a page cannot register it first), its shadow root is
 * closed and referenced only from this closure, so page scripts cannot reach
 * into it. The host exists only while something is shown, is fixed and
 * zero-sized (no layout shift), styled by a constructed stylesheet (not
 * subject to the page's CSP), and keeps key events from the page's shortcuts.
 */
import { render } from 'preact';
import themeCss from '@/components/theme.css?inline';
import { randomHostTag } from '@/lib/frame-protocol';
import { registerOwnUi } from '@/lib/own-ui';
import { onAbort } from '@/lib/abort';

export interface UiLayer {
  /** The element to render into, creating the shadow host if needed. */
  open(): HTMLElement;
  /** Removes the shadow host from the page. */
  remove(): void;
  /** Whether an event target or node belongs to this layer. */
  contains(node: EventTarget | null): boolean;
  /** The focused element inside the layer, if any. */
  activeElement(): Element | null;
  /** The element with this id inside the layer. */
  byId(id: string): HTMLElement | null;
}

/** Keys typed in our UI stay there: the page's shortcut listeners never learn them. */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress', 'input', 'beforeinput'] as const;
/** Events that drive controls: only the reader's own (trusted) ones reach a handler in the layer. */
const GUARDED_EVENTS = ['click', 'submit', 'keydown', 'input', 'change', 'pointerdown', 'pointerenter', 'pointerleave'] as const;

function dropUntrusted(e: Event) {
  if (e.isTrusted) return;
  e.preventDefault();
  e.stopImmediatePropagation();
}

export function createUiLayer(signal: AbortSignal, css: string, keepOnAbort: () => boolean): UiLayer {
  const tag = randomHostTag();
  let host: HTMLElement | null = null;
  let shadow: ShadowRoot | null = null;
  let container: HTMLElement | null = null;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(themeCss + css);

  function remove() {
    if (container) render(null, container);
    host?.remove();
    host = shadow = container = null;
  }
  // An orphaned script removes its UI, unless that UI holds the reader's unsent text.
  onAbort(signal, () => keepOnAbort() || remove());

  return {
    open() {
      if (container && host?.isConnected) return container;
      remove();
      host = document.createElement(tag);
      registerOwnUi(host);
      shadow = host.attachShadow({ mode: 'closed' });
      shadow.adoptedStyleSheets = [sheet];
      for (const [prop, value] of [['all', 'initial'], ['position', 'fixed'], ['inset', '0 auto auto 0'], ['width', '0'], ['height', '0'], ['z-index', '2147483647'], ['display', 'block']] as const) {
        host.style.setProperty(prop, value, 'important');
      }
      for (const type of ISOLATED_EVENTS) host.addEventListener(type, (e) => e.stopPropagation());
      for (const type of GUARDED_EVENTS) shadow.addEventListener(type, dropUntrusted, { capture: true });
      container = document.createElement('div');
      container.className = 'layer';
      shadow.append(container);
      (document.body ?? document.documentElement).append(host);
      return container;
    },
    remove,
    contains(node) {
      return node instanceof Node && !!host && (node === host || host.contains(node) || node.getRootNode() === shadow);
    },
    activeElement() {
      return shadow?.activeElement ?? null;
    },
    byId(id) {
      return shadow?.getElementById(id) ?? null;
    },
  };
}
