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
import { handshakeNonce, type FromFrame } from '@/lib/frame-protocol';
import { parseToFrame, type ToFrame } from '@/lib/to-frame';
import { LiveCardNotes } from '@/components/card/LiveCardNotes';
import { NewPassageNote, PassageNoteView } from '@/components/card/PassagePanels';
import { sessionNoteDrafts } from '@/components/hooks/session-note-drafts';
import { passageDraftKey } from '@/lib/notes/new-note-drafts';
import { t } from '@/lib/i18n';
import { InLanguage } from '@/components/use-language';
import '@/components/theme.css';
import '@/components/card/card.css';
import './frame.css';
import { createInputGate } from './input-gate';

type Shown = Extract<ToFrame, { type: 'concept' | 'passage-new' | 'passage-show' }>;

const FOCUSABLE = 'button, [href], input, textarea, select, summary';

function focusables(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !(el as HTMLButtonElement).disabled);
}

function PassageSection({
  shown,
  version,
  send,
}: {
  shown: Extract<Shown, { type: 'passage-show' }>;
  version: number;
  send(m: FromFrame): void;
}) {
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

/** Input only while the frame is visible and uncovered (see input-gate.ts). */
const gate = createInputGate();

/** Says why the frame takes no click or key while the page covers it. */
function CoveredNotice() {
  const [covered, setCovered] = useState(false);
  useEffect(() => gate.onCovered(setCovered), []);
  return covered ? (
    <p class="covered-notice" role="alert">
      {t('frame_covered')}
    </p>
  ) : null;
}

function FrameApp({ port }: { port: MessagePort }) {
  const [shown, setShown] = useState<Shown | null>(null);
  const [version, setVersion] = useState(0);
  /** The note the latest change stored, if it was a save. */
  const [changedNoteId, setChangedNoteId] = useState<string | undefined>();
  // Posted after the current event has been handled: a message may have the page remove this frame (Escape, Close,
  // a saved passage note), and a frame removed before it answered the browser for the key or click that caused it
  // leaves that input unanswered (a driver waiting on it hangs; seen 2 runs in 3 under load).
  const send = (message: FromFrame) => setTimeout(() => port.postMessage(message), 0);

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
      } else if (message.type === 'covered') gate.setCovered(message.covered);
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
      // Focus came into the frame before its first control took it (the card's 'focus' message is on its way): Tab starts at the edge it came from.
      if (!items.includes(document.activeElement as HTMLElement)) {
        e.preventDefault();
        (e.shiftKey ? items.at(-1) : items[0])?.focus();
        return;
      }
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

  // Shown (again), perhaps somewhere else: whether the frame is visible is asked afresh.
  useEffect(() => gate.rearm(), [shown]);

  useEffect(() => {
    // A new passage panel (or shown note) takes focus at once; the card's notes wait for Tab.
    if (shown && shown.type !== 'concept')
      requestAnimationFrame(() => (document.querySelector<HTMLElement>('textarea') ?? focusables()[0])?.focus());
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
        drafts={sessionNoteDrafts}
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
  addEventListener(
    type,
    (e) => {
      if (!e.isTrusted) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    },
    { capture: true },
  );
}

const claim = (nonce: string) => askBackground('frame:claim', { nonce }).catch(() => false);
let opened = false;
// The first handshake from the embedding window whose nonce the background confirms opens the channel; nothing
// else does. A frame some page embedded itself gets no nonce a content script registered: the background refuses it.
addEventListener('message', async function onHandshake(e: MessageEvent) {
  const nonce = handshakeNonce(e.data, e.ports);
  if (opened || e.source !== parent || !nonce) return;
  const port = e.ports[0]!;
  if (!(await claim(nonce)) || opened) return port.close();
  opened = true;
  removeEventListener('message', onHandshake);
  render(
    <div class="layer">
      <InLanguage>
        <CoveredNotice />
        <FrameApp port={port} />
      </InLanguage>
    </div>,
    document.getElementById('app')!,
  );
  // The port starts when FrameApp sets its onmessage: messages sent before that wait in the port's queue.
});
