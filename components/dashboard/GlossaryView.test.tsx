import { fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { NotesDbContext } from '@/components/hooks/use-notes';
import { setLanguage } from '@/lib/i18n';
import { passageOn, testStore } from '@/tests/support/notes';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { ConceptPage, GlossaryList, distinctAliases } from './GlossaryView';

const corpus = loadCorpusFromDir('data');
const concept = (id: string) => corpus.concepts.find((c) => c.id === id)!;

afterEach(() => setLanguage('en'));

const groupsShown = () => [...document.querySelectorAll<HTMLElement>('.glossary-group')];
const namesIn = (list: HTMLElement) =>
  within(list)
    .getAllByRole('link')
    .map((a) => a.textContent!);
const sortedLike = (names: string[], locale: string) => [...names].sort(new Intl.Collator(locale, { ignorePunctuation: true }).compare);

describe('GlossaryList', () => {
  it('lists the concepts by category, in the corpus order of categories, each alphabetically', () => {
    render(<GlossaryList corpus={corpus} />);
    const groups = groupsShown();
    expect(groups.map((g) => g.getAttribute('aria-labelledby'))).toEqual(corpus.categories.map((c) => `glossary-${c.id}`));
    for (const group of groups) {
      const names = namesIn(group);
      expect(names).toEqual(sortedLike(names, 'en-GB'));
    }
    // "#StopRansomware initiative" sorts under S, not before every letter.
    const cyber = namesIn(groups.find((g) => g.getAttribute('aria-labelledby') === 'glossary-cyber')!);
    expect(cyber.indexOf('#StopRansomware initiative')).toBeGreaterThan(cyber.indexOf('Cybersecurity and Infrastructure Security Agency'));
    expect(groups.flatMap(namesIn)).toHaveLength(corpus.concepts.length);
  });

  it('lists every concept A–Z with the toggle, and by category again when it is released', () => {
    render(<GlossaryList corpus={corpus} />);
    const toggle = screen.getByRole('button', { name: 'A–Z' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(groupsShown()).toEqual([]);
    const names = namesIn(document.querySelector('.glossary-list')!);
    expect(names).toHaveLength(corpus.concepts.length);
    expect(names).toEqual(sortedLike(names, 'en-GB'));
    fireEvent.click(toggle);
    expect(groupsShown()).toHaveLength(corpus.categories.length);
  });

  it('sorts Korean names in Korean order when the interface is Korean', () => {
    setLanguage('ko');
    render(<GlossaryList corpus={corpus} />);
    fireEvent.click(screen.getByRole('button', { name: '가나다순' }));
    const names = namesIn(document.querySelector('.glossary-list')!);
    expect(names).toEqual(sortedLike(names, 'ko-KR'));
    expect(names).toContain('핵협의그룹');
  });

  it('keeps the best answers first while searching', () => {
    render(<GlossaryList corpus={corpus} />);
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'nuclear consultative' } });
    expect(namesIn(document.querySelector('.glossary-list')!)[0]).toBe('Nuclear Consultative Group');
  });
});

describe('distinctAliases', () => {
  it('leaves out plurals and repeats of the names in the heading, and keeps real variants', () => {
    const shown = distinctAliases(concept('sma')).map((a) => a.text);
    expect(shown).not.toContain('Special Measures Agreement');
    expect(shown).not.toContain('Special Measures Agreements');
    expect(shown).not.toContain('SMAs');
    expect(shown).not.toContain(concept('sma').ko!.name);
    expect(shown).toEqual(expect.arrayContaining(['Special Measure Agreement', 'SMA', '방위비 분담 특별협정']));
    expect(shown).not.toContain('Special Measure Agreements');
  });
});

describe('ConceptPage', () => {
  it('names the sources in Korean where the corpus has a Korean form, in English otherwise', () => {
    setLanguage('ko');
    render(<ConceptPage corpus={corpus} conceptId="sma" />);
    const sources = screen.getByRole('heading', { name: '출처' }).nextElementSibling!.textContent!;
    expect(sources).toContain('클린트 워크, 한미경제연구소(KEI, The Peninsula)');
    expect(sources).toContain('Kayla Orta, 윌슨센터');
    expect(sources).not.toContain('Korea Economic Institute');
  });

  it("lists a concept's notes live, counted as the card counts them, concept and passage notes apart", async () => {
    const { store, save } = testStore(corpus);
    await save({ kind: 'concept', conceptId: 'rsf', body: 'a concept note', tags: [] });
    await save({
      kind: 'passage',
      conceptIds: ['rsf', 'sma'],
      body: 'a passage note',
      tags: [],
      target: passageOn('the Regional Sustainment Framework'),
    });
    await save({ kind: 'concept', conceptId: 'sma', body: 'about another concept', tags: [] });
    render(
      <NotesDbContext.Provider value={store.db}>
        <ConceptPage corpus={corpus} conceptId="rsf" />
      </NotesDbContext.Provider>,
    );
    const { count } = await store.forConcept('rsf');
    expect(await screen.findByRole('heading', { name: `Your notes (${count})` })).toBeTruthy();
    expect(count).toBe(2);
    expect(within(screen.getByRole('region', { name: 'Passage notes' })).getByText('a passage note')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Concept notes' })).getByText('a concept note')).toBeTruthy();
    expect(screen.queryByText('about another concept')).toBeNull();
    await save({ kind: 'concept', conceptId: 'rsf', body: 'written later', tags: [] });
    expect(await screen.findByRole('heading', { name: 'Your notes (3)' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Concept notes (2)' })).toBeTruthy();
  });
});
