import type { Corpus } from '@/lib/corpus/schema';
import { HIGHLIGHT_STYLES } from '@/lib/settings';
import { categoryLabel, LANGUAGES, t, type LanguageSetting } from '@/lib/i18n';
import { ourCommands } from '@/lib/commands';
import { saveSettings as save, useAssignedCommands, useSettings } from '@/components/hooks/use-browser';
import { categoryColour } from '@/components/panels/category-colour';
import { exportNotes } from './export-notes';

export function SettingsView({ corpus }: { corpus: Corpus }) {
  const settings = useSettings();
  const commands = ourCommands(useAssignedCommands());
  if (!settings) return null;
  const toggleKey = commands.find((c) => c.name === 'toggle-highlights')?.key;
  return (
    <section aria-labelledby="settings-title" class="settings">
      <h2 id="settings-title">{t('dash_settings')}</h2>
      <label class="field-row">
        {t('dash_language')}{' '}
        <select
          value={settings.language ?? 'auto'}
          onChange={(e) => save({ ...settings, language: (e.target as HTMLSelectElement).value as LanguageSetting })}
        >
          {(['auto', ...LANGUAGES] as const).map((lang) => (
            <option key={lang} value={lang}>
              {t(`dash_language_${lang}`)}
            </option>
          ))}
        </select>
      </label>
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          checked={settings.enabled}
          aria-checked={settings.enabled}
          onChange={() => save({ ...settings, enabled: !settings.enabled })}
        />
        {t('dash_enabled')}
      </label>
      <fieldset>
        <legend>{t('dash_categories')}</legend>
        {corpus.categories.map((cat) => (
          <label key={cat.id} class="switch">
            <input
              type="checkbox"
              checked={settings.categories[cat.id] !== false}
              onChange={() =>
                save({ ...settings, categories: { ...settings.categories, [cat.id]: settings.categories[cat.id] === false } })
              }
            />
            <span class="swatch" style={categoryColour(cat)} aria-hidden="true" /> {categoryLabel(cat)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('dash_style')}</legend>
        {HIGHLIGHT_STYLES.map((style) => (
          <label key={style} class="switch">
            <input type="radio" name="style" checked={settings.style === style} onChange={() => save({ ...settings, style })} />
            {t(`dash_style_${style}`)}
          </label>
        ))}
      </fieldset>
      <label class="switch">
        <input
          type="checkbox"
          checked={settings.firstMentionOnly}
          onChange={() => save({ ...settings, firstMentionOnly: !settings.firstMentionOnly })}
        />
        {t('dash_firstMention')}
      </label>
      <h3>{t('dash_disabledSites')}</h3>
      {settings.disabledSites.length === 0 ? (
        <p class="muted">{toggleKey ? t('dash_noDisabledSitesKey', toggleKey) : t('dash_noDisabledSites')}</p>
      ) : (
        <ul>
          {settings.disabledSites.map((site) => (
            <li key={site}>
              {site}{' '}
              <button
                type="button"
                onClick={() => save({ ...settings, disabledSites: settings.disabledSites.filter((s) => s !== site) })}
                aria-label={t('dash_enableSite', site)}
              >
                {t('dash_remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('dash_shortcuts')}</h3>
      <table class="shortcuts">
        <tbody>
          {commands.map((c) => (
            <tr key={c.name} data-command={c.name}>
              {/* The description in the interface language (the browser gives it in its own). */}
              <td>{t(c.message)}</td>
              <td>{c.key ? <kbd>{c.key}</kbd> : <span class="muted">{t('dash_notSet')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">{t('dash_shortcutsHint')}</p>
      <div class="warning" role="note">
        <h3>{t('dash_uninstallTitle')}</h3>
        <p>{t('dash_uninstallWarning')}</p>
        <button type="button" class="primary" onClick={() => void exportNotes('json')}>
          {t('dash_exportJson')}
        </button>
      </div>
    </section>
  );
}
