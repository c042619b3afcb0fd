import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { openNotesDb } from '@/lib/notes/db';
import { expectingDexieWarnings, openStubbornV1, whileDatabasesCannotOpen } from '@/tests/support/db-faults';
import { NotesDbContext } from '@/components/hooks/use-notes';
import type { NotesDb } from '@/lib/notes/db';
import { DbHealthBanner } from './DbHealthBanner';

const bannerOn = (db: NotesDb) => (
  <NotesDbContext.Provider value={db}>
    <DbHealthBanner />
  </NotesDbContext.Provider>
);

describe('DbHealthBanner', () => {
  it('shows nothing when the database opens', async () => {
    const db = openNotesDb(`banner-ok-${Math.random()}`);
    const { container } = render(bannerOn(db));
    await db.open();
    expect(container.textContent).toBe('');
  });

  it('says notes are unavailable when the database cannot be opened', async () => {
    await whileDatabasesCannotOpen(async () => {
      render(bannerOn(openNotesDb(`banner-private-${Math.random()}`)));
      expect((await screen.findByRole('alert')).textContent).toMatch(/Notes are unavailable/);
    });
  });

  it('asks the reader to close other tabs while an upgrade is blocked', async () => {
    await expectingDexieWarnings(/blocked by other connection holding version 1/, async () => {
      const name = `banner-blocked-${Math.random()}`;
      const old = await openStubbornV1(name);
      try {
        render(bannerOn(openNotesDb(name)));
        expect((await screen.findByRole('alert')).textContent).toMatch(/close other Alliance Lens tabs/);
      } finally {
        old.close();
      }
    });
  });
});
