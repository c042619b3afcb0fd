/**
 * SPA navigations replace the article without a page load: `changed` runs
 * after each one has changed the page's URL. Not WXT's `wxt:locationchange`,
 * which is dispatched on the page's own window, where any page script can
 * hear it (and so learn the extension is installed) or dispatch it itself.
 * The Navigation API's events reach this isolated world directly; only the
 * browser's own (trusted) ones count.
 */
import { onAbort } from '@/lib/abort';

/** Where the browser has no Navigation API, how often the URL is compared. */
const POLL_MS = 1_000;

export function watchLocation(signal: AbortSignal, changed: () => void): void {
  let last = location.href;
  const check = () => {
    if (location.href === last) return;
    last = location.href;
    changed();
  };
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (typeof navigation?.addEventListener === 'function') {
    // After the current entry changed (pushState, replaceState, back and forward alike): the URL is the new one.
    navigation.addEventListener('currententrychange', (e) => e.isTrusted && check(), { signal });
    return;
  }
  const timer = setInterval(check, POLL_MS);
  onAbort(signal, () => clearInterval(timer));
}
