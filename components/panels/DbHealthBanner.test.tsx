import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { openNotesDb } from '@/lib/notes/db';
import { openStubbornV1, whileDatabasesCannotOpen } from '@/tests/support/db-faults';
import { DbHealthBanner } from './DbHealthBanner';

describe('DbHealthBanner', () => {
  it('shows nothing when the database opens', async () => {
    const db = openNotesDb(`banner-ok-${Math.random()}`);
    const { container } = render(<DbHealthBanner db={db} />);
    await db.open();
    expect(container.textContent).toBe('');
  });

  it('says notes are unavailable when the database cannot be opened', async () => {
    await whileDatabasesCannotOpen(async () => {
      render(<DbHealthBanner db={openNotesDb(`banner-private-${Math.random()}`)} />);
      expect((await screen.findByRole('alert')).textContent).toMatch(/Notes are unavailable/);
    });
  });

  it('asks the reader to close other tabs while an upgrade is blocked', async () => {
    const name = `banner-blocked-${Math.random()}`;
    const old = await openStubbornV1(name);
    render(<DbHealthBanner db={openNotesDb(name)} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/close other Alliance Lens tabs/);
    old.close();
  });
});
