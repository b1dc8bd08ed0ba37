import { z } from 'zod';
import { POST_EVENTS } from '../ingest/extraction-schema.js';

/**
 * What one report says of one person (a Mention's `data`): the unit person resolution clusters
 * and the Person layer is rebuilt from. Stored as JSON on the Mention node, so a name block can
 * be resolved again from the store alone, in any later run. Ids point at article-level nodes
 * (Position, Conference, Award) that the same report's rows create.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A post as this report shows it held. */
export const MentionPost = z.object({
  /** Position id. */
  pos: z.string(),
  title: z.string(),
  /** Organization id of the body, null when the post names none. */
  org: z.string().nullable(),
  body: z.string(),
  /** 'national' | 'province' | 'district' | 'commune' | ''. */
  level: z.string(),
  /** Canonical province of the body ('' when national or unknown). */
  province: z.string(),
  status: z.enum(['current', 'former']),
  acting: z.boolean(),
  change: z.enum(['start', 'end']).nullable(),
  event: z.enum(POST_EVENTS).nullable(),
  /** Evidence: indexes into the article's `sentences`. */
  ev: z.array(z.number().int().nonnegative()),
});
export type MentionPost = z.infer<typeof MentionPost>;

export const MentionData = z.object({
  /** Article id. */
  article: z.string(),
  /** The report's date for careers (Extraction.reportDate) and its publication date. */
  date: isoDate.nullable(),
  asOf: isoDate.nullable(),
  /** The name as the report writes it best, and its other spellings there. */
  name: z.string(),
  aliases: z.array(z.string()),
  gender: z.enum(['male', 'female']).nullable(),
  /** Canonical name of the report's province (null when the report names none). */
  province: z.string().nullable(),
  posts: z.array(MentionPost),
  /** Role edges at the report's conference. */
  roles: z.array(z.object({ edge: z.string(), conf: z.string(), ev: z.array(z.number().int()) })),
  /** Awards received at the report's conference. */
  awards: z.array(z.object({ conf: z.string(), award: z.string(), name: z.string(), giver: z.string().nullable(), ev: z.array(z.number().int()) })),
  /** Short hashes of the other people's name keys in the report (coNameKey): co-officials are evidence of identity. */
  co: z.array(z.string()),
  /** Stated successions: this person took post `pos` after the person of mention `predecessor`. */
  after: z.array(z.object({ pos: z.string(), predecessor: z.string(), ev: z.array(z.number().int()) })),
});
export type MentionData = z.infer<typeof MentionData>;

/** A mention as resolution sees it: its id, its block (folded name) and what it says. */
export interface MentionRecord {
  id: string;
  nameKey: string;
  data: MentionData;
}

/** Co-officials kept per mention: enough to recognise a shared circle, bounded for long lists. */
export const MAX_CO_NAMES = 40;

/** A co-official's name key as a mention keeps it: 8 hex digits of FNV-1a, small enough to list per mention. */
export function coNameKey(nameKey: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < nameKey.length; i++) {
    h ^= nameKey.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
