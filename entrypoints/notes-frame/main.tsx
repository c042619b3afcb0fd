/**
 * The notes frame: an extension page the content script embeds in the card's
 * closed shadow root, so the reader's note text is shown and typed in the
 * extension's origin, out of every page script's reach. It shows nothing
 * until the content script's handshake (the nonce in this page's URL, with a
 * MessagePort); it reads and writes notes with the background itself.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { askBackground } from '@/lib/ask-background';
import type { Note } from '@/lib/notes/model';
import { isHandshake, type FromFrame } from '@/lib/frame-protocol';
import { parseToFrame, type ToFrame } from '@/lib/to-frame';
import { LiveCardNotes } from '@/components/card/LiveCardNotes';
import { NewPassageNote, PassageNoteView } from '@/components/card/PassagePanels';
import { sessionDrafts } from '@/components/hooks/session-drafts';
import { passageDraftKey } from '@/lib/notes/drafts';
import { t } from '@/lib/i18n';
import { InLanguage } from '@/components/use-language';
import '@/components/theme.css';
import '@/components/card/card.css';
import './frame.css';

type Shown = Extract<ToFrame, { type: 'concept' | 'passage-new' | 'passage-show' }>;

const FOCUSABLE = 'button, [href], input, textarea, select, summary';

function focusables(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !(el as HTMLButtonElement).disabled);
}

function PassageSection({ shown, version, send }: { shown: Extract<Shown, { type: 'passage-show' }>; version: number; send(m: FromFrame): void }) {
  const [notes, setNotes] = useState<Note[]>([]);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    askBackground('notes:forPage', { url: shown.url }).then(
      (all) => setNotes(all.filter((n) => n.id === shown.noteId)),
      () => setError(t('card_notesUnavailable')),
    );
  }, [shown.noteId, version]);
  return <PassageNoteView notes={notes} error={error} onClose={() => send({ type: 'close' })} />;
}

function FrameApp({ port }: { port: MessagePort }) {
  const [shown, setShown] = useState<Shown | null>(null);
  const [version, setVersion] = useState(0);
  /** The note the latest change stored, if it was a save. */
  const [changedNoteId, setChangedNoteId] = useState<string | undefined>();
  const send = (message: FromFrame) => port.postMessage(message);

  useEffect(() => {
    port.onmessage = (e) => {
      const message = parseToFrame(e.data);
      if (!message) return;
      if (message.type === 'notes-changed') {
        // A concept's notes reload only for a change that may concern them (none named: any change may).
        const concerned = shown?.type !== 'concept' || !message.conceptIds.length || message.conceptIds.includes(shown.conceptId);
        if (concerned) {
          setChangedNoteId(message.noteId);
          setVersion((n) => n + 1);
        }
      }
      else if (message.type === 'focus') {
        const items = focusables();
        (message.at === 'first' ? items[0] : items.at(-1))?.focus();
      } else setShown(message);
    };
    // The reader's keys in this frame never reach the page: Escape and Tab at the edges are passed on here.
    // Escape closes on key up: the frame goes away with it, and a frame removed between key down and key up
    // leaves the browser's input pipeline waiting on it.
    const onEscape = (e: KeyboardEvent) => {
      if (e.key === 'Escape') send({ type: 'close' });
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') e.preventDefault();
      if (e.key !== 'Tab') return;
      const items = focusables();
      const edge = e.shiftKey ? items[0] : items.at(-1);
      if (!edge || document.activeElement !== edge) return;
      e.preventDefault();
      // The card around a concept's notes continues the focus cycle; a passage panel is only this frame.
      if (shown?.type === 'concept') send({ type: 'tab-out', backwards: e.shiftKey });
      else (e.shiftKey ? items.at(-1) : items[0])?.focus();
    };
    addEventListener('keydown', onKey);
    addEventListener('keyup', onEscape);
    return () => {
      removeEventListener('keydown', onKey);
      removeEventListener('keyup', onEscape);
    };
  }, [shown]);

  useEffect(() => {
    // A new passage panel (or shown note) takes focus at once; the card's notes wait for Tab.
    if (shown && shown.type !== 'concept') requestAnimationFrame(() => (document.querySelector<HTMLElement>('textarea') ?? focusables()[0])?.focus());
  }, [shown]);

  if (!shown) return null;
  if (shown.type === 'concept') {
    return (
      <LiveCardNotes
        conceptId={shown.conceptId}
        conceptName={shown.conceptName}
        pinned={shown.pinned}
        source={shown.source}
        version={version}
        changedNoteId={changedNoteId}
        onPin={() => send({ type: 'pin' })}
        onDraftChange={(dirty) => send({ type: 'draft', dirty })}
        onEditingChange={(open) => send({ type: 'editing', open })}
      />
    );
  }
  if (shown.type === 'passage-show') {
    return (
      <div class="card passage-card">
        <PassageSection shown={shown} version={version} send={send} />
      </div>
    );
  }
  return (
    <div class="card passage-card">
      <NewPassageNote
        quote={shown.quote.exact}
        drafts={sessionDrafts}
        draftKey={passageDraftKey(shown.url, shown.quote.exact)}
        onDraftChange={(dirty) => send({ type: 'draft', dirty })}
        onCancel={() => send({ type: 'close' })}
        onSave={async (body, tags) => {
          await askBackground('notes:save', {
            kind: 'passage',
            conceptIds: shown.conceptIds,
            body,
            tags,
            target: { url: shown.url, title: shown.title, quote: shown.quote, position: shown.position },
          });
          send({ type: 'draft', dirty: false });
          send({ type: 'saved' });
        }}
      />
    </div>
  );
}

// Only the reader drives this frame: events made by script (none but ours can reach it) are dropped.
for (const type of ['click', 'submit', 'keydown', 'keyup', 'input', 'pointerdown', 'change'] as const) {
  addEventListener(type, (e) => {
    if (!e.isTrusted) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, { capture: true });
}

const nonce = location.hash.slice(1);
// A frame some page embedded itself has a nonce no content script registered: the background refuses it.
const claimed = /^[0-9a-f]{32}$/.test(nonce) ? askBackground('frame:claim', { nonce }).catch(() => false) : Promise.resolve(false);
// The first message carrying this frame's nonce and a port, from the embedding window, opens the channel; nothing else does.
addEventListener('message', async function onHandshake(e: MessageEvent) {
  if (e.source !== parent || !isHandshake(e.data, e.ports, nonce)) return;
  removeEventListener('message', onHandshake);
  const port = e.ports[0]!;
  if (!(await claimed)) return port.close();
  render(
    <div class="layer">
      <InLanguage>
        <FrameApp port={port} />
      </InLanguage>
    </div>,
    document.getElementById('app')!,
  );
  // The port starts when FrameApp sets its onmessage: messages sent before that wait in the port's queue.
});
