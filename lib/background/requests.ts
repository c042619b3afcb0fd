/**
 * The requests the background answers, each with the valibot schema its data
 * must match. `privileged` ones are accepted from extension pages only (the
 * notes frame in a page is one): note text never goes to a content script,
 * which gets passage anchors (no bodies, no tags) to mark passages.
 * Kept apart from lib/messages.ts so content scripts do not bundle the schemas;
 * each schema accepts what the protocol declares for its request (checked by tsc).
 */
import * as v from 'valibot';
import type { BackgroundRequests, BackgroundRequestType } from '../messages';
import { CheckedDraftSchema, ConceptIdSchema } from '../notes/model';
import { MAX_PACK_BYTES, PackConceptSchema } from '../corpus/pack';

const conceptId = ConceptIdSchema;
const noteId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/));
const url = v.pipe(v.string(), v.nonEmpty(), v.maxLength(4_000));
const nonce = v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/));

const packId = v.pipe(v.string(), v.maxLength(100), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/));

/** Concept packs: installed, switched and edited from the dashboard only (lib/background/packs.ts). */
const packRequests = {
  'packs:import': {
    privileged: true,
    schema: v.strictObject({ text: v.pipe(v.string(), v.maxLength(MAX_PACK_BYTES, 'the file is over 2 MB')) }),
  },
  'packs:setEnabled': { privileged: true, schema: v.strictObject({ id: packId, enabled: v.boolean() }) },
  'packs:remove': { privileged: true, schema: v.strictObject({ id: packId }) },
  'packs:export': { privileged: true, schema: v.strictObject({ id: packId }) },
  'packs:saveConcept': { privileged: true, schema: v.strictObject({ concept: PackConceptSchema }) },
  'packs:deleteConcept': { privileged: true, schema: v.strictObject({ conceptId }) },
} as const;

export const backgroundRequests = {
  ...packRequests,
  'corpus:concept': { privileged: false, schema: v.strictObject({ conceptId }) },
  'notes:forConcept': {
    privileged: true,
    schema: v.strictObject({ conceptId, limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50))) }),
  },
  'notes:forPage': { privileged: true, schema: v.strictObject({ url }) },
  'notes:anchorsForPage': { privileged: false, schema: v.strictObject({ url }) },
  'notes:save': { privileged: true, schema: CheckedDraftSchema },
  'notes:delete': { privileged: true, schema: v.strictObject({ id: noteId }) },
  'notes:deleteMalformed': {
    privileged: true,
    schema: v.strictObject({ key: v.union([v.pipe(v.string(), v.maxLength(1_000)), v.pipe(v.number(), v.finite())]) }),
  },
  'notes:restore': { privileged: true, schema: v.strictObject({ id: noteId }) },
  'notes:export': { privileged: true, schema: v.strictObject({ format: v.picklist(['json', 'markdown', 'jsonld']) }) },
  'notes:import': { privileged: true, schema: v.strictObject({ text: v.string(), apply: v.boolean() }) },
  'notes:deleteAll': { privileged: true, schema: v.strictObject({ confirm: v.literal(true) }) },
  'ui:openGlossary': { privileged: false, schema: v.strictObject({ conceptId }) },
  // Opens a note's page and brings its passage into view: asked by the dashboard and the side panel.
  'ui:openInContext': { privileged: true, schema: v.strictObject({ noteId }) },
  // A content script registers its notes frame's nonce; the frame (an extension page in the same tab) claims it.
  'frame:register': { privileged: false, schema: v.strictObject({ nonce }) },
  'frame:claim': { privileged: true, schema: v.strictObject({ nonce }) },
  'page:report': {
    privileged: false,
    schema: v.strictObject({ counts: v.record(conceptId, v.pipe(v.number(), v.integer(), v.minValue(0))) }),
  },
} as const satisfies { [K in BackgroundRequestType]: { privileged: boolean; schema: v.GenericSchema<BackgroundRequests[K], unknown> } };

/** A request's data once its schema has checked it (and trimmed, deduplicated or branded it). */
export type CheckedRequest<K extends BackgroundRequestType> = v.InferOutput<(typeof backgroundRequests)[K]['schema']>;
