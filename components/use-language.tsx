import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { language, setLanguage, type Language } from '@/lib/i18n';
import { useSettings } from '@/components/hooks/use-browser';

/**
 * The interface language from the reader's setting, followed live: a root
 * component calls it so the whole page re-renders in the new language.
 * Null until the setting is read (render nothing rather than flash English).
 */
export function useLanguage(): Language | null {
  const settings = useSettings();
  const [current, setCurrent] = useState<Language | null>(null);
  useEffect(() => {
    if (!settings) return;
    setLanguage(settings.language);
    document.documentElement.lang = language();
    setCurrent(language());
  }, [settings]);
  return current;
}

/** Renders its children in the interface language, again whenever the setting changes. */
export function InLanguage({ children }: { children: ComponentChildren }) {
  return useLanguage() ? children : null;
}
