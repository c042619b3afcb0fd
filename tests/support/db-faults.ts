/**
 * Database faults for tests (fake-indexeddb): a tab still holding version 1
 * open, and a browser that refuses to open any database.
 */
import Dexie from 'dexie';
import { SCHEMA_V1 } from '@/lib/notes/db';

/** A version-1 connection that ignores requests to close (Dexie would otherwise close it). */
export async function openStubbornV1(name: string): Promise<Dexie> {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  v1.on('versionchange', () => false);
  return v1;
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
