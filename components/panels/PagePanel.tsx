import { useState } from 'preact/hooks';
import type { Corpus } from '@/lib/corpus/schema';
import { t } from '@/lib/i18n';
import { revealInPage, type ActivePage } from '@/components/hooks/use-browser';
import { PageConcepts } from './PageConcepts';
import { SiteSwitch } from './SiteSwitch';

/** What the extension knows about the page in a tab: shared by the popup and the side panel. */
export function PagePanel({ page, corpus, onRevealed }: { page: ActivePage; corpus: Corpus; onRevealed?(): void }) {
  const [query, setQuery] = useState('');
  if (page.state === 'loading') return <p class="muted">{t('panel_loading')}</p>;
  if (page.state === 'unavailable') return <p class="muted">{t('panel_unavailable')}</p>;
  const { summary, tabId } = page;
  const total = Object.values(summary.counts).reduce((a, b) => a + b, 0);
  const found = Object.keys(summary.counts).length;
  return (
    <div class="page-panel">
      <SiteSwitch url={summary.url} />
      <p class="muted" aria-live="polite">
        {summary.enabled ? t('panel_summary', found, total) : t('panel_offHere')}
      </p>
      {summary.enabled && found > 0 && (
        <input
          type="search"
          class="concept-search"
          aria-label={t('panel_search')}
          placeholder={t('panel_searchPlaceholder')}
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        />
      )}
      {summary.enabled && (
        <PageConcepts
          corpus={corpus}
          counts={summary.counts}
          query={query}
          onReveal={async (conceptId) => {
            await revealInPage(tabId, conceptId);
            onRevealed?.();
          }}
        />
      )}
    </div>
  );
}
