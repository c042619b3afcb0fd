import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { NotesView } from '@/components/dashboard/NotesView';
import { ConceptPage, GlossaryList, SourcesView } from '@/components/dashboard/GlossaryView';
import { SettingsView } from '@/components/dashboard/SettingsView';
import { WelcomeView } from '@/components/dashboard/WelcomeView';
import { PacksView } from '@/components/dashboard/PacksView';
import { useInstalledCorpus } from '@/components/hooks/use-corpus';
import { Brand } from '@/components/panels/Brand';
import { DbHealthBanner } from '@/components/panels/DbHealthBanner';
import { useLanguage } from '@/components/use-language';
import '@/components/panels/panels.css';
import './dashboard.css';

function useHashRoute(): string[] {
  const read = () => location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

const SECTIONS = [
  ['notes', 'dash_notes'],
  ['glossary', 'dash_glossary'],
  ['sources', 'dash_sources'],
  ['packs', 'dash_packs'],
  ['settings', 'dash_settings'],
  ['welcome', 'dash_welcome'],
] as const;

function Dashboard() {
  const lang = useLanguage();
  const [section = 'notes', id, ...rest] = useHashRoute();
  const installed = useInstalledCorpus();
  const { corpus } = installed;
  useEffect(() => {
    document.title = `${t(SECTIONS.find(([s]) => s === section)?.[1] ?? 'dash_notes')} — Alliance Lens`;
  }, [section, lang]);
  if (!lang) return null;
  return (
    <div class="dashboard">
      <nav class="sidebar" aria-label={t('dash_nav')}>
        <Brand icon={48} />
        <ul>
          {SECTIONS.map(([s, label]) => (
            <li key={s}>
              <a href={`#/${s}`} aria-current={s === section ? 'page' : undefined}>
                {t(label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main class="content">
        <DbHealthBanner />
        {section === 'notes' && <NotesView corpus={corpus} missing={installed.missing} />}
        {section === 'glossary' && (id ? <ConceptPage corpus={corpus} conceptId={id} /> : <GlossaryList corpus={corpus} />)}
        {section === 'sources' && <SourcesView corpus={corpus} />}
        {section === 'packs' && <PacksView installed={installed} route={id ? [id, ...rest] : []} />}
        {section === 'settings' && <SettingsView corpus={corpus} />}
        {section === 'welcome' && <WelcomeView corpus={corpus} />}
      </main>
    </div>
  );
}

render(<Dashboard />, document.getElementById('app')!);
