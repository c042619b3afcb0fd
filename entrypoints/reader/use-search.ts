/**
 * Search in the reader: every place the whole document's text holds the
 * query (case-insensitive, at most 1000), stepped through one at a time, and
 * what the viewer draws over the pages (notes found, the current hit).
 */
import { useEffect, useState } from 'preact/hooks';
import type { PassageNote } from '@/lib/notes/model';
import type { AnchorResult } from '@/lib/pdf/anchor';
import type { SearchHit } from './Sidebar';
import type { OpenDoc, ReaderDocument } from './use-document';
import type { Overlay } from './viewer';

const MAX_HITS = 1000;

export function useSearch(doc: OpenDoc | null) {
  const [search, setSearch] = useState<{ hits: SearchHit[]; current: number } | null>(null);
  return {
    search,
    /** A new document starts with no search. */
    start(signal: AbortSignal, reading: ReaderDocument) {
      reading.onOpen(signal, () => setSearch(null));
    },
    run(query: string) {
      const q = query.trim().toLowerCase();
      if (!doc || !q) return setSearch(null);
      const hits: SearchHit[] = [];
      for (let i = 0; i < doc.pdf.numPages && hits.length < MAX_HITS; i++) {
        const text = doc.text.page(i)?.text.toLowerCase();
        if (!text) continue;
        for (let at = text.indexOf(q); at >= 0 && hits.length < MAX_HITS; at = text.indexOf(q, at + 1))
          hits.push({ pageIndex: i, start: at, end: at + q.length });
      }
      setSearch({ hits, current: 0 });
      if (hits[0]) void doc.viewer.reveal(hits[0].pageIndex, hits[0].start, hits[0].end);
    },
    step(by: number) {
      if (!search?.hits.length || !doc) return;
      const current = (search.current + by + search.hits.length) % search.hits.length;
      setSearch({ ...search, current });
      const hit = search.hits[current]!;
      void doc.viewer.reveal(hit.pageIndex, hit.start, hit.end);
    },
  };
}

/** Draws the notes found and the current search hit over the pages, again whenever one of them changes. */
export function useOverlays(
  doc: OpenDoc | null,
  notes: PassageNote[],
  anchors: Record<string, AnchorResult>,
  search: ReturnType<typeof useSearch>['search'],
) {
  useEffect(() => {
    if (!doc) return;
    const overlays: Overlay[] = [];
    for (const n of notes) {
      const a = anchors[n.id];
      if (a?.state === 'found') overlays.push({ ...a.passage, kind: 'note', id: n.id });
    }
    const hit = search?.hits[search.current];
    if (hit) overlays.push({ ...hit, kind: 'search', id: 'search' });
    doc.viewer.setOverlays(overlays);
  }, [doc, notes, anchors, search]);
}
