/** Concept packs in the background: stored, compiled once per change, and notes on their concepts kept when they go. */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { PackStore, openPacksDb } from '../corpus/pack-store';
import { PackError } from '../corpus/pack';
import { conceptView } from '../corpus/concept-view';
import { createMatcher } from '../matcher/matcher';
import { unpackMatcher } from '../matcher/pack';
import type { InstalledMatcher } from '../matcher/installed';
import { NotesStore } from '../notes/store';
import { openNotesDb } from '../notes/db';
import { CheckedDraftSchema } from '../notes/model';
import * as v from 'valibot';
import { InstalledConcepts } from './packs';

const bundled = loadCorpusFromDir('data');
const packText = readFileSync('docs/example-pack.json', 'utf8');

function setup() {
  let published: InstalledMatcher | null = null;
  const channel = { read: vi.fn(async () => published), write: vi.fn(async (value: InstalledMatcher) => void (published = value)) };
  const packs = new InstalledConcepts(new PackStore(openPacksDb(`packs-${Math.random()}`), bundled.concepts), bundled, channel, '1.0.0');
  const notes = new NotesStore(openNotesDb(`notes-${Math.random()}`), packs.names);
  return { packs, notes, channel, published: () => published };
}
const highlights = (m: InstalledMatcher | null, text: string) =>
  m?.matcher
    ? createMatcher(unpackMatcher(m.matcher))
        .findCandidates(text)
        .map((c) => c.conceptId)
    : [];

describe('installed concept packs', () => {
  it('imports a pack, compiles it once with the bundled corpus, and answers cards about its concepts', async () => {
    const { packs, channel, published } = setup();
    await packs.refresh();
    expect(channel.write).toHaveBeenCalledTimes(1);
    expect(published()?.matcher).toBeNull();
    const summary = await packs.store.import(packText);
    expect(summary).toMatchObject({ id: 'alliance-desk', name: 'Alliance desk extras', concepts: 7, enabled: true, version: 1 });
    await packs.refresh();
    expect(highlights(published(), 'THAAD and the NCG')).toEqual(['thaad', 'ncg']);
    const view = conceptView(packs.corpus, 'thaad');
    expect(view.concept.pack).toEqual({ id: 'alliance-desk', name: 'Alliance desk extras' });
    expect(view.sources).toEqual([]);
    expect(conceptView(packs.corpus, 'un-command').sources[0]).toMatchObject({
      title: 'United Nations Command',
      url: 'https://www.unc.mil/',
      publisher: 'UNC',
    });
    // Nothing changed: nothing is compiled again (a service worker waking up).
    await packs.refresh();
    expect(channel.write).toHaveBeenCalledTimes(2);
  });

  it('changes nothing installed when an import is refused', async () => {
    const { packs } = setup();
    await packs.store.import(packText);
    const before = await packs.store.db.packs.toArray();
    const broken = JSON.parse(packText);
    broken.version = 2;
    broken.concepts[6].aliases = [];
    await expect(packs.store.import(JSON.stringify(broken))).rejects.toThrow(PackError);
    await expect(packs.store.import(packText)).rejects.toThrow(/version 1 is not newer than the installed version 1/);
    expect(await packs.store.db.packs.toArray()).toEqual(before);
  });

  it('keeps notes on the concepts of a pack switched off or removed, under their names, and takes new ones when it returns', async () => {
    const { packs, notes, published } = setup();
    await packs.store.import(packText);
    await packs.refresh();
    await notes.save(v.parse(CheckedDraftSchema, { kind: 'concept', conceptId: 'thaad', body: 'battery at Seongju', tags: [] }));
    await packs.store.setEnabled('alliance-desk', false);
    await packs.refresh();
    expect(published()?.matcher).toBeNull();
    expect(packs.corpus.concepts.some((c) => c.id === 'thaad')).toBe(false);
    expect(packs.names.get('thaad')).toBe('Terminal High Altitude Area Defense');
    await packs.store.remove('alliance-desk');
    await packs.refresh();
    expect(await notes.all()).toHaveLength(1);
    expect((await notes.exportAs('markdown')).text).toContain('Terminal High Altitude Area Defense');
    // Exported and imported again while the pack is gone.
    const backup = (await notes.exportAs('json')).text;
    await notes.deleteAll();
    expect(await notes.import(backup, true)).toMatchObject({ added: 1 });
    await packs.store.import(JSON.stringify({ ...JSON.parse(packText), version: 2 }));
    await packs.refresh();
    expect(await packs.store.db.retired.count()).toBe(0);
    expect(highlights(published(), 'THAAD')).toEqual(['thaad']);
    expect((await notes.forConcept('thaad')).count).toBe(1);
  });

  it('keeps "My concepts": added, replaced and removed one by one, exported as a pack', async () => {
    const { packs } = setup();
    const concept = {
      id: 'freedom-flag',
      name: 'Freedom Flag',
      aliases: ['Freedom Flag'],
      definition: 'A combined air exercise.',
      category: 'security' as const,
      ambiguous: [],
      cues: [],
      otherSenseCues: [],
      sources: [],
      related: [],
      definitions: [],
    };
    expect(await packs.store.saveConcept(concept)).toMatchObject({ id: 'my-concepts', concepts: 1, version: 1, editable: true });
    expect(await packs.store.saveConcept({ ...concept, definition: 'A combined air exercise of the two air forces.' })).toMatchObject({
      concepts: 1,
      version: 2,
    });
    await expect(packs.store.saveConcept({ ...concept, id: 'other', aliases: ['NCG'] })).rejects.toThrow(/"NCG" is also an alias of "ncg"/);
    const file = await packs.store.export('my-concepts');
    expect(JSON.parse(file.text)).toMatchObject({
      format: 'alliance-lens-pack',
      id: 'my-concepts',
      version: 2,
      concepts: [{ definition: 'A combined air exercise of the two air forces.' }],
    });
    expect(await packs.store.deleteConcept('freedom-flag')).toBe(true);
    expect(await packs.store.list()).toEqual([]);
    expect(await packs.store.db.retired.get('freedom-flag')).toMatchObject({ name: 'Freedom Flag' });
  });
});
