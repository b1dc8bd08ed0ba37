import { z } from 'zod';
import { SEARCH_TYPES } from './search-index.js';

/** zod schemas for every API input; a failed parse becomes a 400 with the issue as its reason. */

const intParam = (def: number, max: number) => z.coerce.number().int().min(1).max(max).default(def);

export const SearchQuery = z.object({
  q: z.string().trim().min(1, 'q must not be empty').max(200),
  /** Comma-separated node types to restrict to, each one of SEARCH_TYPES. */
  types: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(SEARCH_TYPES, { error: (i) => `unknown type ${JSON.stringify(i.input)}; expected one of ${SEARCH_TYPES.join(', ')}` })))
    .optional(),
  limit: intParam(20, 100),
});

export const OverviewQuery = z.object({ limit: intParam(300, 5000) });

export const NodeParams = z.object({
  id: z.string().min(1).max(200).regex(/^[\w:.-]+$/, 'id must be a node id such as per_0123abcd'),
});

export const NeighboursQuery = z.object({ limit: intParam(200, 5000) });

export const CypherBody = z.object({
  query: z.string().trim().min(1, 'query must not be empty').max(20_000),
  rowLimit: z.number().int().min(1).optional(),
  timeoutMs: z.number().int().min(1).optional(),
});

export const CsvQuery = z.object({ part: z.enum(['nodes', 'edges']).default('nodes') });

export function issuesText(err: z.ZodError): string {
  return err.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}
