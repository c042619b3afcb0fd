import { fireEvent, render, screen } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

// The background's pack requests, answered by a real store on the database the page reads live.
const store = vi.hoisted(() => ({ current: undefined as undefined | import('@/lib/corpus/pack-store').PackStore }));
vi.mock('@/lib/ask-background', () => ({
  askBackground: vi.fn(async (type: string, data: { text: string; id: string; enabled: boolean }) => {
    if (type === 'packs:import') return store.current!.import(data.text);
    if (type === 'packs:setEnabled') return { changed: await store.current!.setEnabled(data.id, data.enabled) };
    throw new Error(`unexpected request ${type}`);
  }),
}));
const { PackStore, openPacksDb } = await import('@/lib/corpus/pack-store');
const { loadCorpusFromDir } = await import('../../scripts/load-corpus');
const { useInstalledCorpus } = await import('@/components/hooks/use-corpus');
const { PacksView } = await import('./PacksView');

const PACK = readFileSync('docs/example-pack.json', 'utf8');
store.current = new PackStore(openPacksDb(), loadCorpusFromDir('data').concepts);

function LivePacks() {
  return <PacksView installed={useInstalledCorpus()} route={[]} />;
}

describe('PacksView', () => {
  it('imports a dropped pack and lists it; a refused file names its entry and installs nothing', async () => {
    render(<LivePacks />);
    const broken = JSON.parse(PACK);
    broken.concepts[3].definition = '<b>THAAD</b>';
    fireEvent.change(screen.getByLabelText('Pack file'), { target: { files: [new File([JSON.stringify(broken)], 'broken.json')] } });
    fireEvent.click(screen.getByRole('button', { name: 'Import pack' }));
    expect((await screen.findByRole('alert')).textContent).toContain('concept "thaad", field definition: must be plain text (no markup)');
    expect(await store.current!.list()).toEqual([]);

    // A drop as the browser delivers it (happy-dom's DataTransfer holds no files).
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [new File([PACK], 'example-pack.json')] } });
    fireEvent(screen.getByText('…or drop a pack file here'), drop);
    expect(drop.defaultPrevented).toBe(true);
    expect((await screen.findByRole('status')).textContent).toBe('Imported “Alliance desk extras”: 7 concepts.');
    expect(await screen.findByText('7 concepts · version 1')).toBeTruthy();
    const toggle = screen.getByRole('switch', { name: 'Use the pack “Alliance desk extras”' }) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    fireEvent.click(toggle);
    await vi.waitFor(async () => expect((await store.current!.list())[0]!.enabled).toBe(false));
  });
});
