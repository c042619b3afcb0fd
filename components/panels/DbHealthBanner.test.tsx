import { render, screen } from '@testing-library/preact';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openNotesDb, SCHEMA_V1 } from '@/lib/notes/db';
import { DbHealthBanner } from './DbHealthBanner';

describe('DbHealthBanner', () => {
  it('shows nothing when the database opens', async () => {
    const db = openNotesDb(`banner-ok-${Math.random()}`);
    const { container } = render(<DbHealthBanner db={db} />);
    await db.open();
    expect(container.textContent).toBe('');
  });

  it('says notes are unavailable when the database cannot be opened', async () => {
    const realOpen = indexedDB.open;
    indexedDB.open = () => {
      throw new DOMException('The operation failed for reasons unrelated to the database itself.', 'InvalidStateError');
    };
    try {
      render(<DbHealthBanner db={openNotesDb(`banner-private-${Math.random()}`)} />);
      expect((await screen.findByRole('alert')).textContent).toMatch(/Notes are unavailable/);
    } finally {
      indexedDB.open = realOpen;
    }
  });

  it('asks the reader to close other tabs while an upgrade is blocked', async () => {
    const name = `banner-blocked-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    await old.open();
    old.on('versionchange', () => false);
    render(<DbHealthBanner db={openNotesDb(name)} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/close other Alliance Lens tabs/);
    old.close();
  });
});
