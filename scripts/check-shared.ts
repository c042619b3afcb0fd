/** First step of `npm test`: stop at once, with a clear message, when ../shared is not there. */
import { sharedPath } from './shared.ts';

try {
  for (const part of ['concepts.tsv', 'seeds', 'dev-pages/gold.json', 'dev-pages/pages']) sharedPath(part);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
