/**
 * The hostile page's side of the red-team suite, shared by Chromium
 * (redteam.test.ts) and Firefox ESR (redteam-firefox.test.ts). Every function
 * here runs IN THE PAGE (passed to page.evaluate or installed before the
 * page's own scripts), so each is self-contained: it is exactly what a site's
 * script could do. What the page collects is "loot"; the tests search it for
 * the reader's note text.
 */

/** The reader's secrets, seeded as real notes before each attack. */
export const SECRET = 'Zq7 my source at the ministry says';
export const SECRET_TAG = 'zq7-informant';
/** What the reader types during an attack (keylogging). */
export const TYPED_SECRET = 'Xw9 second source confirms';
export const ARTICLE = '/demo/sample-article.html';
/** A passage of the sample article the seeded passage note quotes. */
export const SEEDED_PASSAGE = 'South Korean yards such as Hanwha Ocean';

/** Seeded notes (drafts as the notes frame sends them); the passage note's URL is filled in by the test. */
export function seedDrafts(pageUrl: string) {
  return [
    { kind: 'concept', conceptId: 'sma', body: `${SECRET} (SMA)`, tags: [SECRET_TAG] },
    { kind: 'concept', conceptId: 'ncg', body: `${SECRET} (NCG)`, tags: [SECRET_TAG] },
    { kind: 'concept', conceptId: 'rsf', body: `${SECRET} (RSF)`, tags: [] },
    {
      kind: 'passage',
      conceptIds: ['rsf'],
      body: `${SECRET} (passage)`,
      tags: [SECRET_TAG],
      target: {
        url: pageUrl,
        title: 'Allies at Sea',
        quote: { type: 'TextQuoteSelector', exact: SEEDED_PASSAGE, prefix: '', suffix: '' },
        position: { type: 'TextPositionSelector', start: 0, end: 0 },
      },
    },
  ];
}

/** Saves notes as the notes frame does; run it IN AN EXTENSION PAGE (the notes frame, the dashboard). Resolves with their ids. */
export async function saveDrafts(drafts: unknown[]): Promise<string[]> {
  const api = globalThis as unknown as Record<
    'browser' | 'chrome',
    { runtime: { sendMessage(m: unknown): Promise<{ res?: { ok: boolean; value?: { id: string } } }> } } | undefined
  >;
  const runtime = (api.browser ?? api.chrome)!.runtime;
  const ids: string[] = [];
  for (const data of drafts) {
    const reply = await runtime.sendMessage({ id: 1, type: 'notes:save', data, timestamp: Date.now() });
    if (!reply?.res?.ok || !reply.res.value) throw new Error(`seeding failed: ${JSON.stringify(reply)}`);
    ids.push(reply.res.value.id);
  }
  return ids;
}

/** Bytes of the reader's secrets found in what the page collected (0 is the only acceptable answer). */
export function leakedBytes(loot: string, secrets: string[]): number {
  return secrets.reduce((n, s) => n + (loot.includes(s) ? s.length : 0), 0);
}

/**
 * Installed before any other script of the page: records every key event,
 * input, selection, message and DOM mutation the page can observe.
 */
export function installSpy() {
  const w = window as unknown as { __spy: { log: string[]; keys: number } };
  const spy = (w.__spy = { log: [] as string[], keys: 0 });
  const record = (s: unknown) => {
    try {
      spy.log.push(typeof s === 'string' ? s : JSON.stringify(s));
    } catch {
      spy.log.push(String(s));
    }
  };
  for (const target of [window, document]) {
    for (const type of ['keydown', 'keypress', 'keyup', 'input', 'beforeinput', 'compositionend', 'paste', 'copy', 'change']) {
      target.addEventListener(
        type,
        (e) => {
          spy.keys++;
          const k = e as KeyboardEvent & InputEvent;
          record(`${type}:${k.key ?? ''}:${k.data ?? ''}:${(e.target as Element)?.outerHTML?.slice(0, 300) ?? ''}`);
        },
        true,
      );
    }
    target.addEventListener('focusin', (e) => record(`focus:${(e.target as Element)?.outerHTML?.slice(0, 2000)}`), true);
  }
  document.addEventListener('selectionchange', () => record(`selection:${getSelection()?.toString()}`));
  addEventListener('message', (e) => record({ message: e.data, origin: e.origin }));
  new MutationObserver((records) => {
    for (const r of records) {
      // What changed (the final DOM is read in full by dumpPage): attribute values, text, added nodes.
      const target = r.target as Element;
      if (r.type === 'attributes') record(`attribute:${target.localName}:${r.attributeName}=${target.getAttribute(r.attributeName!)}`);
      else if (r.type === 'characterData') record(`text:${target.textContent}`);
      r.addedNodes.forEach((n) => record(`added:${((n as Element).outerHTML ?? n.textContent)?.slice(0, 20_000)}`));
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true, attributeOldValue: true });
}

/**
 * Everything the page can read right now: its DOM with every open shadow
 * root, attributes, computed styles and shadow roots of the elements it did
 * not make, what sits at every point of the viewport, the frames, the
 * highlights registry and adopted stylesheets, timing entries, the
 * selection, and all the spy recorded.
 */
export function dumpPage(): string {
  const out: string[] = [document.documentElement.outerHTML];
  const walk = (root: Document | ShadowRoot) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) {
        out.push(el.shadowRoot.innerHTML);
        walk(el.shadowRoot);
      }
    }
  };
  walk(document);
  for (const el of [...document.documentElement.children, ...document.body.children]) {
    if (!el.tagName.includes('-')) continue;
    const cs = getComputedStyle(el);
    out.push(`${el.tagName}:${[...cs].map((p) => `${p}=${cs.getPropertyValue(p)}`).join(';')}`);
    out.push(String((el as HTMLElement).innerText), String(el.textContent));
  }
  for (let x = 0; x < innerWidth; x += 16) {
    for (let y = 0; y < innerHeight; y += 16) {
      const hit = document.elementFromPoint(x, y);
      if (hit) out.push(`${x},${y}:${hit.tagName}#${hit.id}.${hit.className}:${hit.textContent?.slice(0, 200)}`);
    }
  }
  for (let i = 0; i < window.frames.length; i++) {
    const f = window.frames[i]!;
    for (const read of [() => f.location.href, () => f.document.documentElement.outerHTML, () => f.name, () => String(f.length)]) {
      try {
        out.push(read());
      } catch (e) {
        out.push(`blocked:${(e as Error).name}`);
      }
    }
  }
  // The highlights registry and adopted stylesheets are shared with the page: every name, range text and rule.
  for (const [name, ranges] of CSS.highlights as unknown as Map<string, Set<AbstractRange>>) {
    out.push(`highlight:${name}`);
    for (const r of ranges) {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      out.push(`highlight-text:${range.toString()}`);
    }
  }
  for (const sheet of document.adoptedStyleSheets) for (const rule of sheet.cssRules) out.push(rule.cssText);
  out.push(...performance.getEntries().map((e) => e.name));
  out.push(`active:${document.activeElement?.outerHTML.slice(0, 2000)}`, `selection:${getSelection()?.toString()}`);
  out.push(...(window as unknown as { __spy?: { log: string[] } }).__spy!.log);
  return out.join('\n');
}

/** Attack: plant look-alike marks for every concept id, then focus() and click() them. */
export function spoofMarks(ids: string[]) {
  for (const id of ids) {
    const mark = document.createElement('al-mark');
    mark.className = 'alliance-lens-mark';
    mark.dataset.conceptId = id;
    mark.dataset.alMention = '1';
    mark.tabIndex = -1;
    mark.textContent = id;
    document.body.prepend(mark);
    mark.focus();
    mark.click();
    for (const type of ['pointerover', 'mouseover', 'focusin']) mark.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true }));
  }
}

/**
 * Attack: focus(), click() and synthetic pointer and key events, at the right coordinates, on the text of every
 * highlight the extension painted (found through CSS.highlights, as any page can).
 */
export function driveHighlights() {
  for (const [name, ranges] of CSS.highlights as unknown as Map<string, Set<AbstractRange>>) {
    if (!name.startsWith('alliance-lens--')) continue;
    for (const r of ranges) {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      const box = range.getBoundingClientRect();
      const init = { bubbles: true, composed: true, clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 };
      const el = range.startContainer.parentElement as HTMLElement;
      el.tabIndex = 0;
      el.focus();
      el.click();
      for (const type of ['pointermove', 'pointerover', 'mousemove', 'mouseover', 'pointerdown', 'mouseup', 'click'])
        el.dispatchEvent(new MouseEvent(type, init));
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      el.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    }
  }
}

/**
 * Attack: synthetic clicks, keys, input and submit on every element the page
 * can reach (the UI host included), and messages to every frame: forged
 * handshakes with a port, and requests for notes. Resolves with what came back.
 */
export async function driveEverything(): Promise<string> {
  const got: string[] = [];
  const all = [...document.querySelectorAll<HTMLElement>('*')];
  for (const el of all) {
    // Links and forms are left alone: a synthetic click on a link would navigate the page away, ending the test, not the attack.
    if (el.closest('script, style, head, a[href]')) continue;
    el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    for (const key of ['Enter', 'Escape', 'Tab', ' '])
      el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
    el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: 'forged' }));
    el.dispatchEvent(new SubmitEvent('submit', { bubbles: true, composed: true }));
  }
  for (const form of document.querySelectorAll('form')) form.requestSubmit();
  const forged = [
    { nonce: '0'.repeat(32) },
    { type: 'concept', conceptId: 'sma', conceptName: 'x', pinned: true },
    { type: 'passage-show', url: location.href, noteId: 'aaaaaaaaaaaa' },
    { id: 1, type: 'notes:forConcept', data: { conceptId: 'sma' }, timestamp: Date.now() },
  ];
  for (let i = 0; i < window.frames.length; i++) {
    for (const message of forged) {
      const channel = new MessageChannel();
      channel.port1.onmessage = (e) => got.push(JSON.stringify(e.data));
      try {
        window.frames[i]!.postMessage(message, '*', [channel.port2]);
      } catch (e) {
        got.push(`blocked:${(e as Error).name}`);
      }
    }
  }
  window.postMessage({ type: 'notes:save', data: { kind: 'concept', conceptId: 'sma', body: 'forged', tags: [] } }, '*');
  await new Promise((ok) => setTimeout(ok, 500));
  return got.join('\n');
}

/** Attack: a transparent element over the whole page, on top of everything, that takes every click. */
export function overlay() {
  const cover = document.createElement('div');
  cover.id = 'clickjack';
  cover.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:transparent';
  cover.addEventListener('click', (e) =>
    (window as unknown as { __spy: { log: string[] } }).__spy.log.push(`overlay-click:${e.clientX},${e.clientY}`),
  );
  document.body.append(cover);
}

/**
 * Attack: the page magnifies, nearly invisible, its own paragraph around a passage it guesses the reader
 * annotated (it cannot see which: nothing of a passage note is in the page) until that text covers the middle
 * of the window: the reader's next ordinary click there lands on it.
 */
export function magnifyText(text: string) {
  const holder = [...document.querySelectorAll('p')].find((p) => p.textContent!.includes(text))!;
  const walker = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT);
  let box: DOMRect | null = null;
  for (let n = walker.nextNode() as Text | null; n && !box; n = walker.nextNode() as Text | null) {
    const at = n.data.indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(n, at);
    range.setEnd(n, at + text.length);
    box = range.getBoundingClientRect();
  }
  const h = holder.getBoundingClientRect();
  const [cx, cy] = [box!.left + box!.width / 2, box!.top + box!.height / 2];
  holder.style.cssText += `;position:relative;z-index:2147483646;opacity:0.02;transform-origin:${cx - h.left}px ${cy - h.top}px;transform:translate(${innerWidth / 2 - cx}px, ${innerHeight / 2 - cy}px) scale(30)`;
}

/**
 * Whether the page can tell which text the reader annotated from the highlights registry it shares with the
 * extension: a highlight of any name over the passage. (That the page's DOM never changes is footprint.test.ts's.)
 */
export function annotatedPassageVisible(passage: string): boolean {
  for (const [, ranges] of CSS.highlights as unknown as Map<string, Set<AbstractRange>>) {
    for (const r of ranges) {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      if (range.toString().includes(passage) || (passage.includes(range.toString()) && range.toString().length > 20)) return true;
    }
  }
  return false;
}

/**
 * Installed before the content script: the old UI host tag is registered,
 * and every new custom-element-like child of the page is registered at once
 * with a class that tries to reach its shadow root (ElementInternals).
 */
export function preRegisterHostTags() {
  const log = (s: string) => (window as unknown as { __spy: { log: string[] } }).__spy.log.push(s);
  const snooping = (name: string) =>
    class extends HTMLElement {
      constructor() {
        super();
        try {
          log(
            `upgraded:${name}:${this.shadowRoot?.innerHTML ?? 'no open root'}:${this.attachInternals().shadowRoot?.innerHTML ?? 'no root through internals'}`,
          );
        } catch (e) {
          log(`upgrade-blocked:${name}:${(e as Error).message}`);
        }
      }
    };
  customElements.define('alliance-lens-ui', snooping('alliance-lens-ui'));
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        const name = (n as Element).localName;
        if (name?.includes('-') && !customElements.get(name)) {
          try {
            customElements.define(name, snooping(name));
          } catch (e) {
            log(`define-failed:${name}:${(e as Error).message}`);
          }
        }
      }
    }
  }).observe(document, { subtree: true, childList: true });
}

/** Attack: `count` hidden look-alike marks with made-up and prototype-named ids planted inside the element holding `text`. */
export function plantMarks([text, count]: [string, number]) {
  const holder = [...document.querySelectorAll('p')].find((p) => p.textContent!.includes(text))!;
  const ids = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'sma', 'ncg'];
  for (let i = 0; i < count; i++) {
    const mark = document.createElement('al-mark');
    mark.className = 'alliance-lens-mark';
    mark.dataset.conceptId = i < ids.length ? ids[i]! : `planted-${i}`;
    mark.dataset.alMention = String(100_000 + i);
    mark.hidden = true;
    holder.append(mark);
  }
}

/** Attack: the page embeds the notes frame itself and posts to it (forged nonces, ports, requests). */
export async function embedFrame(urls: string[]): Promise<string> {
  const got: string[] = [];
  for (const url of urls) {
    const frame = document.createElement('iframe');
    frame.src = url;
    frame.style.cssText = 'width:300px;height:200px';
    document.body.append(frame);
    await new Promise((ok) => {
      frame.onload = ok;
      frame.onerror = ok;
      setTimeout(ok, 3000);
    });
    for (const message of [
      { nonce: url.split('#')[1] ?? '' },
      { nonce: '0'.repeat(32) },
      { type: 'concept', conceptId: 'sma', conceptName: 'x', pinned: true },
    ]) {
      const channel = new MessageChannel();
      channel.port1.onmessage = (e) => got.push(JSON.stringify(e.data));
      frame.contentWindow?.postMessage(message, '*', [channel.port2]);
      channel.port1.postMessage({ type: 'concept', conceptId: 'sma', conceptName: 'x', pinned: true });
    }
  }
  await new Promise((ok) => setTimeout(ok, 1000));
  return got.join('\n');
}

/**
 * Attack (installed before the page's scripts): whenever the extension's UI
 * shows, the page finds it with elementFromPoint and shows a `popover` of the
 * same size over it, in the top layer, holding a textarea of its own that
 * records what the reader types there (`window.__captured`). With
 * `clickThrough` the cover lets clicks through to the card beneath
 * (clickjacking: the reader sees the page's content and clicks the card).
 */
export function coverOwnUi(clickThrough: boolean) {
  const w = window as unknown as { __captured: string };
  w.__captured = '';
  const isHost = (el: Element | null) => !!el && /^[A-Z]{4}-[A-Z]{8}$/.test(el.tagName) && el.shadowRoot === null;
  const cover = document.createElement('div');
  cover.id = 'fake-card';
  cover.popover = 'manual';
  cover.style.cssText = `position:fixed;margin:0;padding:0;border:0;background:#fff;inset:auto;${clickThrough ? 'pointer-events:none;' : ''}`;
  const fake = document.createElement('textarea');
  fake.style.cssText = 'width:100%;height:100%;box-sizing:border-box';
  fake.addEventListener('input', () => (w.__captured = fake.value));
  cover.append(fake);
  setInterval(() => {
    if (!document.body) return;
    let box: { left: number; top: number; right: number; bottom: number } | null = null;
    for (let x = 0; x < innerWidth; x += 12) {
      for (let y = 0; y < innerHeight; y += 12) {
        if (!isHost(document.elementFromPoint(x, y))) continue;
        box = box
          ? { left: Math.min(box.left, x), top: Math.min(box.top, y), right: Math.max(box.right, x), bottom: Math.max(box.bottom, y) }
          : { left: x, top: y, right: x, bottom: y };
      }
    }
    // Once an opaque cover is up the card is out of sight of elementFromPoint: it stays where it is.
    if (!box) return;
    Object.assign(cover.style, {
      left: `${box.left - 12}px`,
      top: `${box.top - 12}px`,
      width: `${box.right - box.left + 24}px`,
      height: `${box.bottom - box.top + 24}px`,
    });
    if (!cover.isConnected) document.documentElement.append(cover);
    if (!cover.matches(':popover-open')) cover.showPopover();
  }, 100);
}
