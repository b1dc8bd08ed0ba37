import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { GraphStore } from '../../graph/store.js';
import type { CatalogEntry } from '../shared/api-types.js';
import { CsvQuery, CypherBody, issuesText, NeighboursQuery, NodeParams, OverviewQuery, SearchQuery } from './api-params.js';
import { BadRequest, type CypherLimits, GraphApi } from './graph-api.js';
import { registerStatic } from './static-files.js';

/**
 * The viewer's HTTP server: the JSON API under /api on the active store, and the built page.
 * Handlers only validate (zod) and delegate to GraphApi.
 */

export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../dist/viewer', import.meta.url));
export const DEFAULT_LIMITS: CypherLimits = { timeoutMs: 10_000, rowLimit: 1_000 };

export interface AppOptions {
  store: GraphStore;
  /** The built page; defaults to dist/viewer. */
  staticDir?: string;
  /** Console limits; a request may ask for less, never more. */
  limits?: CypherLimits;
  /** Example queries for the console; by default graph/queries.ts's catalog, filled from the store. */
  catalog?: CatalogEntry[];
  logger?: boolean;
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new BadRequest(issuesText(r.error));
  return r.data;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 256 * 1024 });
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const api = new GraphApi(opts.store, opts.catalog ?? null);

  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof BadRequest) return reply.code(400).send({ error: 'bad_request', reason: err.message });
    // Fastify's own 4xx (malformed JSON, wrong content type) keep their status and message.
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return reply.code(status).send({ error: 'bad_request', reason: (err as Error).message });
    app.log.error(err);
    return reply.code(500).send({ error: 'internal', reason: (err as Error).message });
  });

  app.get('/api/stats', () => api.stats());

  app.get('/api/search', async (req) => {
    const { q, types, limit } = parse(SearchQuery, req.query);
    return { query: q, hits: await api.search(q, types ?? null, limit) };
  });

  app.get('/api/graph', (req) => api.overview(parse(OverviewQuery, req.query).limit));

  app.get('/api/nodes/:id', async (req, reply) => {
    const { id } = parse(NodeParams, req.params);
    const detail = await api.detail(id);
    return detail ?? reply.code(404).send({ error: 'not_found', reason: `no node with id ${id}` });
  });

  app.get('/api/nodes/:id/neighbours', async (req, reply) => {
    const { id } = parse(NodeParams, req.params);
    const { limit } = parse(NeighboursQuery, req.query);
    const slice = await api.neighbours(id, limit);
    return slice ?? reply.code(404).send({ error: 'not_found', reason: `no node with id ${id}` });
  });

  app.get('/api/queries', () => api.catalog());

  app.post('/api/cypher', (req) => {
    const body = parse(CypherBody, req.body ?? {});
    return api.cypher(body.query, {
      rowLimit: Math.min(body.rowLimit ?? limits.rowLimit, limits.rowLimit),
      timeoutMs: Math.min(body.timeoutMs ?? limits.timeoutMs, limits.timeoutMs),
    });
  });

  app.get('/api/export/graphml', async (_req, reply) => {
    reply.type('application/graphml+xml; charset=utf-8').header('content-disposition', 'attachment; filename="graph.graphml"');
    return api.exportGraphml();
  });

  app.get('/api/export/csv', async (req, reply) => {
    const { part } = parse(CsvQuery, req.query);
    reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="graph-${part}.csv"`);
    return api.exportCsv(part);
  });

  app.all('/api/*', (req, reply) => reply.code(404).send({ error: 'not_found', reason: `no API route ${req.method} ${req.url.split('?')[0]}` }));

  registerStatic(app, opts.staticDir ?? DEFAULT_STATIC_DIR);
  return app;
}

export interface StartOptions extends AppOptions {
  port?: number;
  host?: string;
}

/** Listens on host:port (default 127.0.0.1, $PORT or 5180) and returns the page's URL. */
export async function startServer(opts: StartOptions): Promise<string> {
  const app = await buildApp(opts);
  const port = opts.port ?? Number(process.env.PORT ?? 5180);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port, host });
  const addr = app.server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  return `http://${host}:${actual}/`;
}
