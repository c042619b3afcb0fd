/** Concept packs: every refusal the format promises, each naming its concept and field; and pack concepts matched like bundled ones. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { compileMatcher } from '../matcher/compile';
import { createMatcher } from '../matcher/matcher';
import { PageEvidence } from '../matcher/evidence';
import { MAX_PACK_CONCEPTS, PackError, mergeCorpus, packFile, parsePack, type Pack, type PackContext } from './pack';

const bundled = loadCorpusFromDir('data');
const exampleText = readFileSync('docs/example-pack.json', 'utf8');
const none: PackContext = { bundled: bundled.concepts, installed: [] };
const example = parsePack(exampleText, none);

type Raw = Record<string, unknown> & { concepts: Record<string, unknown>[] };
const raw = (): Raw => JSON.parse(exampleText);
/** The example pack with its first concept changed by `edit`. */
const withFirst = (edit: (c: Record<string, unknown>) => void, index = 0): Raw => {
  const pack = raw();
  edit(pack.concepts[index]!);
  return pack;
};
/** The error a pack gets, as one string. */
function refusal(pack: unknown, context = none): string {
  try {
    parsePack(typeof pack === 'string' ? pack : JSON.stringify(pack), context);
  } catch (e) {
    expect(e).toBeInstanceOf(PackError);
    return (e as PackError).problems.join('\n');
  }
  throw new Error('the pack was accepted');
}

describe('pack validation', () => {
  it('accepts the complete example of the README', () => {
    const readme = readFileSync('README.md', 'utf8');
    const json = /## Concept packs[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)![1]!;
    const pack = parsePack(json, none);
    expect(pack.concepts[0]).toMatchObject({ id: 'un-command', ambiguous: ['UNC'], definitions: [{ asOf: '1953-07-27' }] });
  });

  it('accepts the example pack of docs/', () => {
    expect(example.id).toBe('alliance-desk');
    expect(example.concepts).toHaveLength(7);
    expect(packFile(example).fileName).toBe('alliance-desk-v1.json');
    expect(parsePack(packFile(example).text, none)).toEqual(example);
  });

  it('refuses an empty alias list or definition, naming the concept and field', () => {
    expect(refusal(withFirst((c) => (c.aliases = [])))).toMatch(
      /concept "combined-forces-command", field aliases: must list at least one alias/,
    );
    expect(refusal(withFirst((c) => (c.definition = '  ')))).toMatch(
      /concept "combined-forces-command", field definition: must not be empty/,
    );
  });

  it('refuses an id that clashes with the bundled corpus, with another pack, or within the pack', () => {
    expect(refusal(withFirst((c) => (c.id = 'sma')))).toMatch(/concept "sma", field id: "sma" is already a concept of the bundled corpus/);
    const other: Pack = { ...example, id: 'other-desk', name: 'Other desk' };
    expect(refusal(raw(), { bundled: bundled.concepts, installed: [other] })).toMatch(
      /concept "combined-forces-command", field id: .* of pack "Other desk"/,
    );
    const twice = raw();
    twice.concepts.push({ ...twice.concepts[1]! });
    expect(refusal(twice)).toMatch(/concept "wartime-opcon-transition", field id: duplicate id/);
  });

  it('refuses an alias of another concept unless both mark it ambiguous', () => {
    expect(refusal(withFirst((c) => (c.aliases = ['NCG'])))).toMatch(/field aliases: "NCG" is also an alias of "ncg"/);
  });

  it('refuses an alias that is a common word of two letters or fewer', () => {
    for (const word of ['us', 'IN', 'a', '미'])
      expect(refusal(withFirst((c) => (c.aliases = ['CFC', word])))).toMatch(
        /concept "combined-forces-command", field aliases\.1: is a common word of two letters or fewer/,
      );
  });

  it('refuses over 5,000 concepts and files over 2 MB', () => {
    const many = raw();
    many.concepts = Array.from({ length: MAX_PACK_CONCEPTS + 1 }, (_, i) => ({
      id: `c-${i}`,
      name: `Name ${i}`,
      aliases: [`N${i}`],
      definition: 'd',
      category: 'security',
    }));
    expect(refusal(many)).toMatch(/pack, field concepts: must hold at most 5,000 concepts/);
    const big = raw();
    big.description = 'x'.repeat(2 * 1024 * 1024);
    expect(refusal(big)).toMatch(/pack: the file is over 2 MB/);
  });

  it('refuses prototype-named ids for the pack and its concepts', () => {
    for (const id of ['__proto__', 'constructor', 'toString', 'prototype'])
      expect(refusal(withFirst((c) => (c.id = id), 2))).toMatch(
        /field id: must (not be a name every JavaScript object has|be a kebab-case id)/,
      );
    expect(refusal({ ...raw(), id: 'constructor' })).toMatch(/pack, field id: must not be a name every JavaScript object has/);
  });

  it('refuses source addresses that are not https', () => {
    for (const url of ['http://www.usfk.mil/', 'javascript:alert(1)', 'file:///etc/passwd', 'ftp://x.org/'])
      expect(refusal(withFirst((c) => (c.sources = [{ title: 'USFK', url }])))).toMatch(
        /concept "combined-forces-command", field sources\.0\.url: must be (an https:\/\/|a web) address/,
      );
  });

  it('refuses markup in any text', () => {
    expect(refusal(withFirst((c) => (c.definition = 'A command <img src=x onerror=alert(1)>')))).toMatch(
      /concept "combined-forces-command", field definition: must be plain text/,
    );
    expect(refusal(withFirst((c) => (c.name = 'CFC &lt;b&gt;')))).toMatch(/field name: must be plain text/);
    expect(refusal({ ...raw(), name: '<script>x</script>' })).toMatch(/pack, field name: must be plain text/);
  });

  it('refuses a wrong format, version or category, unknown related ids and ambiguous names that are not aliases', () => {
    expect(refusal({ ...raw(), format: 'other' })).toMatch(/pack, field format: must be "alliance-lens-pack"/);
    for (const version of [0, -1, 1.5, '2']) expect(refusal({ ...raw(), version })).toMatch(/pack, field version/);
    expect(refusal(withFirst((c) => (c.category = 'sports')))).toMatch(/field category: must be one of security/);
    expect(refusal(withFirst((c) => (c.related = ['nowhere'])))).toMatch(/field related\.0: unknown concept "nowhere"/);
    expect(refusal(withFirst((c) => (c.ambiguous = ['CF'])))).toMatch(/field ambiguous\.0: "CF" is not one of its aliases/);
    expect(refusal('{"format":')).toMatch(/pack: not a JSON file/);
    expect(refusal({ ...raw(), id: 'alliance-lens' })).toMatch(/pack, field id: "alliance-lens" is the bundled corpus/);
  });

  it('takes a newer version of an installed pack, and refuses the same or an older one', () => {
    const installed: PackContext = { bundled: bundled.concepts, installed: [example] };
    expect(refusal(raw(), installed)).toMatch(/pack, field version: version 1 is not newer than the installed version 1/);
    expect(parsePack(JSON.stringify({ ...raw(), version: 2 }), installed).version).toBe(2);
  });
});

describe('pack concepts in the matcher', () => {
  const matcher = createMatcher(compileMatcher(mergeCorpus(bundled, [example])));
  /** The mentions highlighted in each block of a page ("concept:text"). */
  function decide(blocks: string[], title = ''): string[] {
    const evidence = new PageEvidence(matcher, title);
    const analyses = blocks.map((text) => evidence.analyse(text, ''));
    return analyses.flatMap((a) => evidence.accepted(a).map((c) => `${c.conceptId}:${c.text}`));
  }

  it('follows the bundled rules: acronym case, possessives, plurals, line breaks, Korean particles and spacing', () => {
    expect(decide(['THAAD was deployed in 2017. The thaad of the story is lower case.'])).toEqual(['thaad:THAAD']);
    expect(decide(["INDOPACOM's commander visited Seoul."])).toEqual(['indopacom:INDOPACOM']);
    expect(decide(['Two THAADs were discussed.'])).toEqual(['thaad:THAADs']);
    expect(decide(['The wartime\nOPCON   transition was delayed.'])).toEqual(['wartime-opcon-transition:wartime\nOPCON   transition']);
    expect(decide(['정부는 동맹현대화를 추진한다. 인태사는 하와이에 있다. 전작권 전환이 논의됐다.'])).toEqual([
      'alliance-modernization:동맹현대화',
      'indopacom:인태사',
      'wartime-opcon-transition:전작권 전환',
    ]);
    expect(decide(['한미는 동맹 현대화에 합의했다.'])).toEqual(['alliance-modernization:동맹 현대화']);
  });

  it('highlights an ambiguous acronym only with support, never where the other sense wins', () => {
    expect(decide(['CFC levels fell after refrigerants were banned under the Montreal Protocol.'])).toEqual([]);
    expect(decide(['UNC beat Duke in the basketball tournament at Chapel Hill.'])).toEqual([]);
    expect(decide(['The CFC commander, a US general, would lead in wartime.'])).toEqual(['combined-forces-command:CFC']);
    expect(decide(['The UNC oversees the armistice at Panmunjom.'])).toEqual(['un-command:UNC']);
    // The page's alliance evidence alone: other alliance concepts in the same paragraph.
    expect(decide(['Under the Nuclear Consultative Group and with USFK, CFC plans were updated.'])).toContain(
      'combined-forces-command:CFC',
    );
    // Without any support an ambiguous acronym is left alone.
    expect(decide(['CFC was mentioned once.'])).toEqual([]);
  });

  it('leaves the bundled concepts exactly as they were', () => {
    const alone = createMatcher(compileMatcher(bundled));
    const text = 'The SMA and the NCG, the Washington Declaration and USFK; 한미동맹과 핵협의그룹.';
    expect(matcher.findCandidates(text)).toEqual(alone.findCandidates(text));
  });
});
