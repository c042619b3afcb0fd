import { useMemo, useState } from 'preact/hooks';
import type { Corpus } from '@/lib/corpus/schema';
import { conceptIdsOf, malformedReason, pageOf, recordKey, type Note, type TextQuoteSelector } from '@/lib/notes/model';
import { askBackground } from '@/lib/ask-background';
import type { ImportReport } from '@/lib/notes/import';
import { NotesIndex, siteOfNote } from '@/lib/search/notes-index';
import { linkablePageUrl } from '@/lib/page-url';
import { NoteEditor } from '@/components/card/NoteEditor';
import { NoteTags, NoteText } from '@/components/card/NoteList';
import { StoredNoteEdits } from '@/lib/notes/stored-note-edits';
import { tagsText } from '@/lib/notes/note-draft';
import { displayName, formatDateTime, language, localeFormat, t } from '@/lib/i18n';
import { useShortcutHint } from '@/components/hooks/use-browser';
import { useAllNotes } from '@/components/hooks/use-notes';
import { FileButton } from '@/components/panels/FileButton';
import { VirtualList } from './VirtualList';
import { exportNotes } from './export-notes';

const EXPORTS = [
  ['json', 'dash_exportJson'],
  ['markdown', 'dash_exportMarkdown'],
  ['jsonld', 'dash_exportJsonld'],
] as const;

/** Unsaved edits survive closing the dashboard, a route change and rows scrolled out of the virtual list. */
const edits = new StoredNoteEdits(localStorage);

function NoteEditForm({ note, onDone }: { note: Note; onDone(): void }) {
  const [draft] = useState(() => edits.get(note.id));
  const [changed, setChanged] = useState(draft !== null);
  const [confirming, setConfirming] = useState(false);
  const discard = () => {
    edits.clear(note.id);
    onDone();
  };
  return (
    <div class="edit-form">
      {draft && <p class="muted">{t('dash_draftRestored')}</p>}
      <NoteEditor
        label={t('dash_editNote')}
        initialBody={draft?.body ?? note.body}
        initialTags={draft?.tags ?? tagsText(note.tags)}
        onChange={(body, tags) => {
          edits.set(note.id, { body, tags }, note);
          setChanged(edits.get(note.id) !== null);
          setConfirming(false);
        }}
        onCancel={() => (changed ? setConfirming(true) : discard())}
        onSave={async (body, tags) => {
          const { createdAt: _c, updatedAt: _u, ...rest } = note;
          await askBackground('notes:save', { ...rest, body, tags });
          edits.clear(note.id);
          onDone();
        }}
      />
      {confirming && (
        <div class="confirm" role="alertdialog" aria-labelledby={`discard-${note.id}`}>
          <p id={`discard-${note.id}`}>{t('dash_discardQuestion')}</p>
          <div class="row">
            <button type="button" class="danger" onClick={discard}>
              {t('dash_discard')}
            </button>
            <button type="button" onClick={() => setConfirming(false)} autofocus>
              {t('dash_keepEditing')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** The sentence a concept note was written beside, its mention marked. */
function SourceQuote({ quote }: { quote: TextQuoteSelector }) {
  return (
    <blockquote class="note-quote">
      {quote.prefix.trimStart()}
      <mark>{quote.exact}</mark>
      {quote.suffix.trimEnd()}
    </blockquote>
  );
}

/** The days notes were written on, newest first (and `chosen`, still offered once its notes are gone). */
export function daysOf(notes: readonly Note[], chosen: number): number[] {
  const days = new Set(notes.map((n) => new Date(n.updatedAt).setHours(0, 0, 0, 0)));
  if (chosen) days.add(chosen);
  return [...days].sort((a, b) => b - a);
}

/** A day in the format of the notes' dates (formatDateTime: the same date style, no time). */
const formatDay = (ms: number) => localeFormat('date', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium' })).format(ms);

function NoteRow({
  note,
  names,
  query,
  onDeleted,
}: {
  note: Note;
  names: ReadonlyMap<string, string>;
  query: string;
  onDeleted(note: Note): void;
}) {
  const [editing, setEditing] = useState(() => edits.get(note.id) !== null);
  const concepts = conceptIdsOf(note).map((id) => names.get(id) ?? id);
  const page = pageOf(note);
  const pageHref = page && linkablePageUrl(page.url);
  const [contextError, setContextError] = useState<string | null>(null);
  return (
    <article class={`note-row ${note.kind}`} aria-label={t('dash_noteOn', concepts.join(', ') || t('dash_passage'))}>
      <p class="note-meta">
        <span class="note-kind">{t(note.kind === 'passage' ? 'dash_kindPassage' : 'dash_kindConcept')}</span>
        {concepts.map((c) => (
          <span key={c} class="chip">
            {c}
          </span>
        ))}
        {page &&
          (pageHref ? (
            <a href={pageHref} target="_blank" rel="noopener noreferrer">
              {page.title || page.url}
            </a>
          ) : (
            <span>{page.title || page.url}</span>
          ))}
        <time dateTime={new Date(note.updatedAt).toISOString()}>{formatDateTime(note.updatedAt)}</time>
      </p>
      {editing ? (
        <NoteEditForm note={note} onDone={() => setEditing(false)} />
      ) : (
        <>
          <NoteText note={note} query={query} />
          {note.kind === 'concept' && note.source && <SourceQuote quote={note.source.quote} />}
          {note.tags.length > 0 && (
            <p class="note-meta">
              <NoteTags tags={note.tags} />
            </p>
          )}
          <div class="row">
            {page && (
              <button
                type="button"
                onClick={() => {
                  setContextError(null);
                  askBackground('ui:openInContext', { noteId: note.id }).catch((e: Error) => setContextError(e.message));
                }}
              >
                {t('dash_openInContext')}
              </button>
            )}
            <button type="button" onClick={() => setEditing(true)}>
              {t('dash_edit')}
            </button>
            <button
              type="button"
              onClick={async () => {
                await askBackground('notes:delete', { id: note.id });
                onDeleted(note);
              }}
            >
              {t('dash_delete')}
            </button>
          </div>
          {contextError && (
            <p class="error" role="alert">
              {contextError}
            </p>
          )}
        </>
      )}
    </article>
  );
}

function ImportPanel() {
  const [text, setText] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const check = async (file: File) => {
    setReport(null);
    setError(null);
    const content = await file.text();
    try {
      setReport(await askBackground('notes:import', { text: content, apply: false }));
      setText(content);
    } catch (e) {
      setError((e as Error).message);
      setText(null);
    }
  };
  return (
    <section class="import" aria-label={t('dash_import')}>
      <p id="import-label">{t('dash_importLabel')}</p>
      <FileButton
        label={t('dash_importChoose')}
        accept=".json,.jsonld,application/json,application/ld+json"
        describedBy="import-label"
        onFile={(file) => void check(file)}
      />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {report && !report.applied && text && report.added + report.updated === 0 && (
        <p role="status">{t('dash_importNothing', report.skipped)}</p>
      )}
      {report && !report.applied && text && report.added + report.updated > 0 && (
        <p role="status">
          {t('dash_importPlan', report.added, report.updated, report.skipped)}{' '}
          <button
            type="button"
            class="primary"
            onClick={async () => {
              try {
                setReport(await askBackground('notes:import', { text, apply: true }));
              } catch (e) {
                setError((e as Error).message);
              }
            }}
          >
            {t('dash_importApply')}
          </button>
        </p>
      )}
      {report?.applied && <p role="status">{t('dash_importDone', report.added, report.updated, report.skipped)}</p>}
    </section>
  );
}

/**
 * Records in the database that are not valid notes: each is named with what
 * is wrong and can be deleted, and none of them hides the notes.
 */
function DamagedRecords({ records }: { records: unknown[] }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <section class="damaged" aria-labelledby="damaged-title">
      <h3 id="damaged-title">{t('dash_damaged')}</h3>
      <p class="muted">{t('dash_damagedHint')}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {records.map((record, i) => {
        const key = recordKey(record);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: damaged records may share an id or have none; the index tells them apart.
          <article key={`${String(key)}-${i}`} class="note-row damaged-row">
            <p>{t('dash_damagedRecord', String(key ?? '?').slice(0, 100), malformedReason(record) ?? '')}</p>
            {key !== undefined && (
              <button
                type="button"
                onClick={() =>
                  askBackground('notes:deleteMalformed', { key }).then(
                    () => setError(null),
                    (e: Error) => setError(e.message),
                  )
                }
              >
                {t('dash_deleteDamaged')}
              </button>
            )}
          </article>
        );
      })}
    </section>
  );
}

const NO_MISSING: ReadonlyMap<string, { name: string }> = new Map();

/** `missing`: concepts of packs switched off or removed, whose notes stay listed under their names. */
export function NotesView({
  corpus,
  missing = NO_MISSING,
}: {
  corpus: Corpus;
  missing?: ReadonlyMap<string, { name: string; ko?: { name: string } }>;
}) {
  const { notes, damaged } = useAllNotes();
  const [exportNote, setExportNote] = useState<string | null>(null);
  const lang = language();
  // Concept names in the interface language: shown on notes and searched.
  const names = useMemo(
    () =>
      new Map([
        ...corpus.concepts.map((c) => [c.id, displayName(c)] as const),
        ...[...missing].map(([id, c]) => [id, t('dash_missingConcept', displayName(c))] as const),
      ]),
    [corpus, missing, lang],
  );
  const index = useMemo(() => new NotesIndex([], names), [names]);
  // Each live update re-indexes only the notes that changed (a rebuild of 10,000 takes ~300 ms).
  useMemo(() => index.sync(notes), [index, notes]);
  const [query, setQuery] = useState('');
  const [conceptId, setConceptId] = useState('');
  const [tag, setTag] = useState('');
  const [site, setSite] = useState('');
  // The start of a day (local time) on which notes were written; 0 for any date.
  const [since, setSince] = useState(0);
  const days = useMemo(() => daysOf(notes, since), [notes, since]);
  const [undo, setUndo] = useState<Note | null>(null);
  const emptyHint = useShortcutHint('add-passage-note', 'dash_noNotesKey', 'dash_noNotes');
  const shown = index.find({
    query,
    conceptId: conceptId || undefined,
    tag: tag || undefined,
    site: site || undefined,
    since: since || undefined,
  });
  const tags = [...new Set(notes.flatMap((n) => n.tags))].sort();
  const sites = [...new Set(notes.flatMap((n) => siteOfNote(n) ?? []))].sort();
  const usedConcepts = [...names].filter(([id]) => notes.some((n) => conceptIdsOf(n).includes(id)));

  return (
    <section aria-labelledby="notes-title">
      <div class="view-head">
        <h2 id="notes-title">{t('dash_notes')}</h2>
        <span class="muted">{t('dash_count', shown.length, notes.length)}</span>
      </div>
      <div class="filters">
        <input
          type="search"
          placeholder={t('dash_searchPlaceholder')}
          aria-label={t('dash_search')}
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
          autofocus
        />
        <select
          aria-label={t('dash_filterConcept')}
          value={conceptId}
          onChange={(e) => setConceptId((e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('dash_allConcepts')}</option>
          {usedConcepts.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <select aria-label={t('dash_filterTag')} value={tag} onChange={(e) => setTag((e.target as HTMLSelectElement).value)}>
          <option value="">{t('dash_allTags')}</option>
          {tags.map((x) => (
            <option key={x}>{x}</option>
          ))}
        </select>
        <select aria-label={t('dash_filterSite')} value={site} onChange={(e) => setSite((e.target as HTMLSelectElement).value)}>
          <option value="">{t('dash_allSites')}</option>
          {sites.map((x) => (
            <option key={x}>{x}</option>
          ))}
        </select>
        <label class="since">
          {t('dash_since')}{' '}
          <select value={since} onChange={(e) => setSince(Number((e.target as HTMLSelectElement).value))}>
            <option value={0}>{t('dash_anyDate')}</option>
            {days.map((day) => (
              <option key={day} value={day}>
                {formatDay(day)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {undo && (
        <p role="status" class="toast">
          {t('dash_deleted')}{' '}
          <button
            type="button"
            onClick={async () => {
              await askBackground('notes:restore', { id: undo.id });
              setUndo(null);
            }}
          >
            {t('dash_undo')}
          </button>
        </p>
      )}
      {damaged.length > 0 && <DamagedRecords records={damaged} />}
      {notes.length === 0 ? (
        <p class="empty">{emptyHint}</p>
      ) : shown.length === 0 ? (
        <p class="empty">{t('dash_noMatch')}</p>
      ) : (
        <VirtualList
          items={shown}
          estimateSize={120}
          getKey={(n) => n.id}
          label={t('dash_notes')}
          renderItem={(n) => <NoteRow note={n} names={names} query={query} onDeleted={setUndo} />}
        />
      )}
      <div class="io">
        <h3>{t('dash_backup')}</h3>
        <div class="row">
          {EXPORTS.map(([format, label]) => (
            <button
              key={format}
              type="button"
              onClick={() =>
                exportNotes(format).then(
                  (skipped) => setExportNote(skipped ? t('dash_exportSkipped', skipped) : null),
                  (e: Error) => setExportNote(e.message),
                )
              }
            >
              {t(label)}
            </button>
          ))}
        </div>
        {exportNote && <p role="status">{exportNote}</p>}
        <ImportPanel />
      </div>
    </section>
  );
}
