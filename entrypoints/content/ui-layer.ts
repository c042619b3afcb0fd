/**
 * An isolated layer for the extension's in-page UI: a shadow root (open mode)
 * whose host exists only while something is shown, is fixed and zero-sized
 * (no layout shift), styled by a constructed stylesheet (not subject to the
 * page's CSP), and keeps key events from reaching the page's shortcuts.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { render } from 'preact';
import themeCss from '@/components/theme.css?inline';

export const UI_TAG = 'alliance-lens-ui';

export interface UiLayer {
  /** The element to render into, creating the shadow host if needed. */
  open(): Promise<HTMLElement>;
  /** Removes the shadow host from the page. */
  remove(): void;
  /** Whether an event target or node belongs to this layer. */
  contains(node: EventTarget | null): boolean;
  shadow(): ShadowRoot | null;
  /** Whether a text field in the layer holds text the reader typed and has not saved. */
  holdsDraft(): boolean;
}

export function createUiLayer(ctx: ContentScriptContext, css: string): UiLayer {
  let ui: ShadowRootContentScriptUi<HTMLElement> | null = null;
  let pending: Promise<ShadowRootContentScriptUi<HTMLElement>> | null = null;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(themeCss + css);

  const holdsDraft = () => [...(ui?.shadow.querySelectorAll('textarea') ?? [])].some((area) => area.value.trim() !== '');
  // WXT removes its UIs when the script is invalidated (the extension was updated or reloaded);
  // a layer holding the reader's unsent text stays until the reader closes it.
  const uiContext = {
    options: ctx.options,
    onInvalidated: (remove: () => void) => ctx.onInvalidated(() => holdsDraft() || remove()),
  } as ContentScriptContext;

  async function create() {
    const created = await createShadowRootUi<HTMLElement>(uiContext, {
      name: UI_TAG,
      position: 'inline',
      anchor: 'body',
      append: 'last',
      mode: 'open',
      isolateEvents: ['keydown', 'keyup', 'keypress', 'input'],
      onMount(container, shadow, host) {
        shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
        host.setAttribute('data-alliance-lens-ui', '');
        for (const [prop, value] of [['position', 'fixed'], ['inset', '0 auto auto 0'], ['width', '0'], ['height', '0'], ['z-index', '2147483647']]) {
          host.style.setProperty(prop!, value!, 'important');
        }
        const layer = document.createElement('div');
        layer.className = 'layer';
        container.append(layer);
        return layer;
      },
      onRemove(layer) {
        if (layer) render(null, layer);
      },
    });
    created.mount();
    return created;
  }

  return {
    async open() {
      if (!ui) {
        pending ??= create();
        ui = await pending;
        pending = null;
      }
      return ui.mounted!;
    },
    remove() {
      ui?.remove();
      ui = null;
    },
    contains(node) {
      return node instanceof Node && !!ui && (node === ui.shadowHost || ui.shadowHost.contains(node));
    },
    shadow() {
      return ui?.shadow ?? null;
    },
    holdsDraft,
  };
}
