import { useEffect, useState } from 'preact/hooks';
import type { Draft, DraftStore } from '@/lib/notes/drafts';

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
    store.get(key).then(
      (d) => live && setDraft(d),
      () => live && setDraft(null),
    );
    return () => {
      live = false;
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
