/**
 * `../shared` (next to this repository) holds the inputs the tests check the
 * extension against: the seed articles, concepts.tsv and the dev pages with
 * their gold labels. It is not part of the repository.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED = resolve(import.meta.dirname, '../../shared');

/** The path of `parts` under ../shared; throws a message that says what is missing and why, instead of ENOENT. */
export function sharedPath(...parts: string[]): string {
  const path = join(SHARED, ...parts);
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing. The tests read ../shared (seed articles, concepts.tsv, dev pages with gold labels), ` +
        `which must sit next to this repository: ${SHARED}.`,
    );
  }
  return path;
}
