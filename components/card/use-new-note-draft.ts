import { useEffect, useState } from 'preact/hooks';
import type { NewNoteDrafts } from '@/lib/notes/new-note-drafts';
import type { NoteDraft } from '@/lib/notes/note-draft';

const DRAFT_WAIT_MS = 1000;

/**
 * The reader's unsaved draft of a new note under `key`: undefined while it loads, null when
 * there is none. `keep` stores it as typed; `discard` drops it (after a save
 * or Cancel). Without a store, drafts live only as long as the editor.
 */
export function useNewNoteDraft(store: NewNoteDrafts | undefined, key: string) {
  const [draft, setDraft] = useState<NoteDraft | null | undefined>(store ? undefined : null);
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
    keep(d: NoteDraft) {
      void store?.set(key, d).catch(() => undefined);
    },
    discard() {
      setDraft(null);
      void store?.discard(key).catch(() => undefined);
    },
  };
}
