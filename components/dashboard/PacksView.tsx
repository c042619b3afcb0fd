/**
 * Dashboard → Concept packs (#/packs): import (file input or drop), switch,
 * export and remove packs, and edit "My concepts". Every change goes to the
 * background, which checks it and compiles the matcher once; the list follows
 * the packs database live (useInstalledCorpus).
 */
import { useState } from 'preact/hooks';
import { askBackground } from '@/lib/ask-background';
import { categoryLabel, t } from '@/lib/i18n';
import { MY_CONCEPTS_PACK_ID } from '@/lib/corpus/pack';
import type { InstalledPack } from '@/lib/corpus/pack-store';
import type { InstalledCorpus } from '@/components/hooks/use-corpus';
import { download } from './export-notes';
import './packs.css';

type Status = { kind: 'ok' | 'error'; text: string } | null;

function StatusLine({ status }: { status: Status }) {
  if (!status) return null;
  return status.kind === 'error' ? (
    <p class="error" role="alert">
      {status.text}
    </p>
  ) : (
    <p role="status">{status.text}</p>
  );
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function ImportPack() {
  const [file, setFile] = useState<File | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [over, setOver] = useState(false);
  const importFile = async (chosen: File) => {
    setStatus(null);
    try {
      const pack = await askBackground('packs:import', { text: await chosen.text() });
      setStatus({ kind: 'ok', text: t('packs_imported', pack.name, pack.concepts) });
    } catch (e) {
      setStatus({ kind: 'error', text: message(e) });
    }
  };
  return (
    <section class="import pack-import" aria-label={t('packs_import')}>
      <label>
        {t('packs_file')}{' '}
        <input type="file" accept=".json,application/json" onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
      </label>
      <button type="button" class="primary" disabled={!file} onClick={() => file && void importFile(file)}>
        {t('packs_import')}
      </button>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the mouse only; the file field above is the keyboard's and screen reader's way to the same import */}
      <div
        class={over ? 'drop-zone over' : 'drop-zone'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const dropped = e.dataTransfer?.files[0];
          if (dropped) void importFile(dropped);
        }}
      >
        {t('packs_drop')}
      </div>
      <StatusLine status={status} />
    </section>
  );
}

function PackRow({ record, onStatus }: { record: InstalledPack; onStatus(status: Status): void }) {
  const { pack } = record;
  const name = record.id === MY_CONCEPTS_PACK_ID ? t('packs_myConcepts') : pack.name;
  const run = (work: () => Promise<unknown>) => () => void work().catch((e: unknown) => onStatus({ kind: 'error', text: message(e) }));
  return (
    <li class="pack-row">
      <div>
        <strong class="pack-name">{name}</strong> <span class="muted">{t('packs_count', pack.concepts.length, pack.version)}</span>
        {pack.description && <p class="muted">{pack.description}</p>}
      </div>
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          checked={record.enabled}
          aria-checked={record.enabled}
          aria-label={t('packs_switch', name)}
          onChange={run(() => askBackground('packs:setEnabled', { id: record.id, enabled: !record.enabled }))}
        />
        {t('packs_on')}
      </label>
      <button
        type="button"
        aria-label={t('packs_exportNamed', name)}
        onClick={run(async () => {
          const file = await askBackground('packs:export', { id: record.id });
          download(file.fileName, file.mimeType, file.text);
        })}
      >
        {t('packs_export')}
      </button>
      <button
        type="button"
        class="danger"
        aria-label={t('packs_removeNamed', name)}
        onClick={run(async () => {
          await askBackground('packs:remove', { id: record.id });
          onStatus({ kind: 'ok', text: t('packs_removed', name) });
        })}
      >
        {t('packs_remove')}
      </button>
    </li>
  );
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
/** An id for a new concept of "My concepts": from its name, kept apart from the bundled ids. */
const newConceptId = (name: string) =>
  `my-${
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || Date.now().toString(36)
  }`;

/** The form that adds a concept to "My concepts"; `term` (a selection on a page) is its first alias. */
function ConceptForm({ installed, term }: { installed: InstalledCorpus; term?: string }) {
  const [status, setStatus] = useState<Status>(null);
  const categories = installed.corpus.categories;
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const field = (name: string) =>
      ((form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value ?? '').trim();
    const koName = field('koName');
    const source = field('sourceUrl');
    const concept = {
      id: newConceptId(field('name')),
      name: field('name'),
      aliases: lines(field('aliases')),
      definition: field('definition'),
      category: field('category') as (typeof categories)[number]['id'],
      ...(koName && {
        ko: { name: koName, aliases: lines(field('koAliases')), ...(field('koDefinition') && { definition: field('koDefinition') }) },
      }),
      ...(source && { sources: [{ title: field('sourceTitle') || source, url: source }] }),
    };
    try {
      await askBackground('packs:saveConcept', { concept });
      setStatus({ kind: 'ok', text: t('packs_saved', concept.name) });
      form.reset();
    } catch (err) {
      setStatus({ kind: 'error', text: message(err) });
    }
  };
  return (
    <form class="edit-form concept-form" onSubmit={(e) => void submit(e)} aria-labelledby="add-concept-title">
      <h3 id="add-concept-title">{t('packs_addConcept')}</h3>
      <label class="field">
        {t('packs_name')}
        <input name="name" required defaultValue={term ?? ''} />
      </label>
      <label class="field">
        {t('packs_aliases')}
        <textarea name="aliases" rows={3} defaultValue={term ?? ''} />
      </label>
      <label class="field">
        {t('packs_definition')}
        <textarea name="definition" rows={3} required />
      </label>
      <label class="field">
        {t('packs_category')}
        <select name="category">
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {categoryLabel(c)}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        {t('packs_koName')}
        <input name="koName" lang="ko" />
      </label>
      <label class="field">
        {t('packs_koAliases')}
        <textarea name="koAliases" rows={2} lang="ko" />
      </label>
      <label class="field">
        {t('packs_koDefinition')}
        <textarea name="koDefinition" rows={3} lang="ko" />
      </label>
      <label class="field">
        {t('packs_sourceTitle')}
        <input name="sourceTitle" />
      </label>
      <label class="field">
        {t('packs_sourceUrl')}
        <input name="sourceUrl" type="url" placeholder="https://" />
      </label>
      <p>
        <button type="submit" class="primary">
          {t('packs_saveConcept')}
        </button>
      </p>
      <StatusLine status={status} />
    </form>
  );
}

function MyConcepts({ installed, term }: { installed: InstalledCorpus; term?: string }) {
  const [status, setStatus] = useState<Status>(null);
  const mine = installed.packs.find((p) => p.id === MY_CONCEPTS_PACK_ID)?.pack.concepts ?? [];
  return (
    <section class="my-concepts" aria-labelledby="my-concepts-title">
      <h3 id="my-concepts-title">{t('packs_myConcepts')}</h3>
      <p class="muted">{t('packs_myConceptsHint')}</p>
      {mine.length > 0 && (
        <ul class="my-concept-list">
          {mine.map((c) => (
            <li key={c.id}>
              <strong>{c.name}</strong> <span class="muted">{c.aliases.join(' · ')}</span>{' '}
              <button
                type="button"
                class="danger"
                aria-label={t('packs_deleteConceptNamed', c.name)}
                onClick={() =>
                  void askBackground('packs:deleteConcept', { conceptId: c.id }).catch((e: unknown) =>
                    setStatus({ kind: 'error', text: message(e) }),
                  )
                }
              >
                {t('packs_remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <StatusLine status={status} />
      {/* A new selection from a page brings a fresh form with its term. */}
      <ConceptForm key={term} installed={installed} term={term} />
    </section>
  );
}

/** `route`: the hash after "packs" ("add", term) when a page's selection is added to My concepts. */
export function PacksView({ installed, route }: { installed: InstalledCorpus; route: string[] }) {
  const [status, setStatus] = useState<Status>(null);
  const bundledCount = installed.corpus.concepts.filter((c) => !c.pack).length;
  return (
    <section aria-labelledby="packs-title" class="packs">
      <h2 id="packs-title">{t('dash_packs')}</h2>
      <p class="muted">{t('packs_intro')}</p>
      <ImportPack />
      <h3>{t('packs_installed')}</h3>
      <ul class="pack-list">
        <li class="pack-row">
          <div>
            <strong class="pack-name">{t('packs_bundled')}</strong> <span class="muted">{t('packs_countBundled', bundledCount)}</span>
          </div>
        </li>
        {installed.packs.map((record) => (
          <PackRow key={record.id} record={record} onStatus={setStatus} />
        ))}
      </ul>
      <StatusLine status={status} />
      <MyConcepts installed={installed} term={route[0] === 'add' ? route[1] : undefined} />
    </section>
  );
}
