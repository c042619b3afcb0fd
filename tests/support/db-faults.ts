/**
 * Database faults for tests (fake-indexeddb): a tab still holding version 1
 * open, a browser that refuses to open any database, and what Dexie says of them.
 */
import Dexie from 'dexie';
import { expect, vi } from 'vitest';
import { SCHEMA_V1 } from '@/lib/notes/db';

/** A version-1 connection that ignores requests to close (Dexie would otherwise close it). */
export async function openStubbornV1(name: string): Promise<Dexie> {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  v1.on('versionchange', () => false);
  return v1;
}

/**
 * Runs `test`, which makes Dexie warn on the console (an upgrade that has to close or wait for other
 * connections): the warnings, expected, are checked against `expected` instead of printed.
 */
export async function expectingDexieWarnings(expected: RegExp, test: () => Promise<void>): Promise<void> {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    await test();
    expect(warn).toHaveBeenCalled();
    for (const [message] of warn.mock.calls) expect(String(message)).toMatch(expected);
  } finally {
    warn.mockRestore();
  }
}

/** Runs `test` while indexedDB.open throws as it does in a Firefox private window without storage. */
export async function whileDatabasesCannotOpen(test: () => Promise<void>): Promise<void> {
  const realOpen = indexedDB.open;
  indexedDB.open = () => {
    throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
  };
  try {
    await test();
  } finally {
    indexedDB.open = realOpen;
  }
}
