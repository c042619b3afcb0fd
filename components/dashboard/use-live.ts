import { useEffect, useState } from 'preact/hooks';
import { liveQuery } from 'dexie';

/** A Dexie liveQuery as Preact state: re-renders whenever the queried notes change, in any tab. */
export function useLive<T>(query: () => Promise<T>, deps: unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({ next: setValue, error: () => setValue(initial) });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
