import type * as v from 'valibot';
import { expectTypeOf, it } from 'vitest';
import type { BackgroundRequests, BackgroundRequestType } from '../messages';
import type { backgroundRequests } from './requests';

type SchemaInputs = { [K in BackgroundRequestType]: v.InferInput<(typeof backgroundRequests)[K]['schema']> };

// A schema that accepts less or more than the protocol declares fails `tsc --noEmit` here.
it('has one schema per request of the protocol, accepting exactly its declared data', () => {
  expectTypeOf<SchemaInputs>().toEqualTypeOf<BackgroundRequests>();
});
