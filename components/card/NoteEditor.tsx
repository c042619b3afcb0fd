import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { parseTags } from '@/lib/notes/note-draft';

export interface NoteEditorProps {
  initialBody?: string;
  /** The tags field as first shown ("a, b"). */
  initialTags?: string;
  /** Resolves once the note is stored; rejects with a message to show. The draft is kept on failure. */
  onSave(body: string, tags: string[]): Promise<void>;
  onCancel(): void;
  /** Called on every keystroke with the body and the tags field as typed, so a caller can keep the draft. */
  onChange?(body: string, tags: string): void;
  label: string;
  /** Told whether the body holds unsaved text, as it changes. */
  onDraftChange?(dirty: boolean): void;
}

/** A small note editor: the draft survives a failed save, and "Saved" appears only after the store confirms. */
export function NoteEditor({ initialBody = '', initialTags = '', onSave, onCancel, onChange, label, onDraftChange }: NoteEditorProps) {
  const [body, setBody] = useState(initialBody);
  const [tags, setTags] = useState(initialTags);
  const bodyField = useRef<HTMLTextAreaElement>(null);
  // Focused on mount by script, not the autofocus attribute, which browsers refuse in a cross-origin frame (the notes frame).
  useEffect(() => bodyField.current?.focus(), []);
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'error'; message?: string }>({ kind: 'idle' });

  const save = async (e: Event) => {
    e.preventDefault();
    if (!body.trim()) return;
    setStatus({ kind: 'saving' });
    try {
      await onSave(body.trim(), parseTags(tags));
      setStatus({ kind: 'idle' });
    } catch (err) {
      setStatus({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <form class="note-editor" onSubmit={save} aria-label={label}>
      <label class="field">
        <span>{t('card_noteLabel')}</span>
        <textarea
          ref={bodyField}
          value={body}
          rows={3}
          maxLength={20000}
          onInput={(e) => {
            const value = (e.target as HTMLTextAreaElement).value;
            setBody(value);
            onChange?.(value, tags);
            onDraftChange?.(value.trim() !== initialBody.trim());
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save(e);
          }}
        />
      </label>
      <label class="field">
        <span>{t('card_tagsLabel')}</span>
        <input
          type="text"
          value={tags}
          placeholder={t('card_tagsPlaceholder')}
          onInput={(e) => {
            const value = (e.target as HTMLInputElement).value;
            setTags(value);
            onChange?.(body, value);
          }}
        />
      </label>
      {status.kind === 'error' && (
        <p class="error" role="alert">
          {status.message}
        </p>
      )}
      <div class="row">
        <button type="submit" class="primary" disabled={status.kind === 'saving' || !body.trim()}>
          {status.kind === 'saving' ? t('card_saving') : t('card_save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('card_cancel')}
        </button>
      </div>
    </form>
  );
}
