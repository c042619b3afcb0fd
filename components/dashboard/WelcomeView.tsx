import type { Corpus } from '@/lib/corpus/schema';
import { t } from '@/lib/i18n';
import { useShortcutHint } from '@/components/hooks/use-browser';

/** The first-install page: what is highlighted, how to hover, pin, note and export, and the privacy promise. */
export function WelcomeView({ corpus }: { corpus: Corpus }) {
  const noteHint = useShortcutHint('add-passage-note', 'welcome_noteKey', 'welcome_note');
  const steps: [string, string][] = [
    ['welcome_highlightTitle', t('welcome_highlight')],
    ['welcome_hoverTitle', t('welcome_hover')],
    ['welcome_pinTitle', t('welcome_pin')],
    ['welcome_noteTitle', noteHint],
    ['welcome_exportTitle', t('welcome_export')],
  ];
  return (
    <section aria-labelledby="welcome-title" class="welcome">
      <h2 id="welcome-title">{t('welcome_title')}</h2>
      <p class="lead">{t('welcome_lead', corpus.concepts.length)}</p>
      <ol class="steps">
        {steps.map(([title, text]) => (
          <li key={title}>
            <h3>{t(title)}</h3>
            <p>{text}</p>
          </li>
        ))}
      </ol>
      <div class="privacy" role="note">
        <h3>{t('welcome_privacyTitle')}</h3>
        <p>{t('welcome_privacy')}</p>
      </div>
      <p class="actions">
        <a class="button primary" href="#/notes">
          {t('welcome_start')}
        </a>
        <a class="button" href="#/glossary">
          {t('welcome_glossary')}
        </a>
      </p>
    </section>
  );
}
