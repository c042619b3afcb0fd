/**
 * The marks' stylesheet inside open shadow roots: the page-level copy does not
 * reach into them, so each root met adopts a constructed sheet, removed on release.
 */
export class ShadowStyles {
  private readonly roots = new Set<ShadowRoot>();
  private sheet: CSSStyleSheet | null = null;

  constructor(private readonly css: string | undefined) {}

  /** Whether `shadow` was new (the caller then starts observing it). */
  adopt(shadow: ShadowRoot): boolean {
    if (this.roots.has(shadow)) return false;
    this.roots.add(shadow);
    if (this.css && 'adoptedStyleSheets' in shadow) {
      if (!this.sheet) {
        this.sheet = new CSSStyleSheet();
        this.sheet.replaceSync(this.css);
      }
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, this.sheet];
    }
    return true;
  }

  all(): ShadowRoot[] {
    return [...this.roots];
  }

  release() {
    for (const shadow of this.roots) {
      if (this.sheet && 'adoptedStyleSheets' in shadow) shadow.adoptedStyleSheets = shadow.adoptedStyleSheets.filter((s) => s !== this.sheet);
    }
    this.roots.clear();
  }
}
