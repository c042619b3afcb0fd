/**
 * The extension's own in-page UI hosts, known by identity: no attribute or
 * tag marks them (a page could read or imitate either). The highlighter and
 * the anchoring walk skip them.
 */
const hosts = new WeakSet<Element>();

export function registerOwnUi(host: Element): void {
  hosts.add(host);
}

export function isOwnUi(el: Element): boolean {
  return hosts.has(el);
}
