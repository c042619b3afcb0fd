import { useEffect, useState } from 'preact/hooks';
import type { Draft, DraftStore } from '@/lib/notes/drafts';

const DRAFT_WAIT_MS = 1000;

/**
 * The reader's unsaved draft under `key`: undefined while it loads, null when
 * there is none. `keep` stores it as typed; `discard` drops it (after a save
 * or Cancel). Without a store, drafts live only as long as the editor.
 */
export function useDraft(store: DraftStore | undefined, key: string) {
  const [draft, setDraft] = useState<Draft | null | undefined>(store ? undefined : null);
  useEffect(() => {
    let live = true;
    if (!store) return;
    setDraft(undefined);
    // Storage that does not answer (a browser under strain) never keeps the editor away: no draft, after a second.
    const giveUp = setTimeout(() => live && setDraft((d) => (d === undefined ? null : d)), DRAFT_WAIT_MS);
    store.get(key).then(
      (d) => live && setDraft(d),
      () => live && setDraft(null),
    );
    return () => {
      live = false;
      clearTimeout(giveUp);
    };
  }, [store, key]);
  return {
    draft,
    keep(d: Draft) {
      void store?.set(key, d).catch(() => undefined);
    },
    discard() {
      setDraft(null);
      void store?.discard(key).catch(() => undefined);
    },
  };
}
