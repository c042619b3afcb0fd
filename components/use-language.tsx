import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { language, setLanguage, type Language } from '@/lib/i18n';
import { settingsItem, type Settings } from '@/lib/settings';

/**
 * The interface language from the reader's setting, followed live: a root
 * component calls it so the whole page re-renders in the new language.
 * Null until the setting is read (render nothing rather than flash English).
 */
export function useLanguage(): Language | null {
  const [current, setCurrent] = useState<Language | null>(null);
  useEffect(() => {
    const apply = (s: Settings | null) => {
      setLanguage(s?.language);
      document.documentElement.lang = language();
      setCurrent(language());
    };
    void settingsItem.getValue().then(apply);
    return settingsItem.watch(apply);
  }, []);
  return current;
}

/** Renders its children in the interface language, again whenever the setting changes. */
export function InLanguage({ children }: { children: ComponentChildren }) {
  return useLanguage() ? <>{children}</> : null;
}
