import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { GraphStore } from '../../graph/store.js';
import type { CatalogEntry } from '../shared/api-types.js';
import { CsvQuery, issuesText } from './api-params.js';
import { BadRequest, type CypherLimits, GraphApi, registerGraphRoutes } from './graph-api.js';
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
  const api = new GraphApi(opts.store, { catalog: opts.catalog ?? null });

  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof BadRequest) return reply.code(400).send({ error: 'bad_request', reason: err.message });
    // Fastify's own 4xx (malformed JSON, wrong content type) keep their status and message.
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return reply.code(status).send({ error: 'bad_request', reason: (err as Error).message });
    app.log.error(err);
    return reply.code(500).send({ error: 'internal', reason: (err as Error).message });
  });

  // The read routes (search, overview, details, console ...) live with the reads they expose.
  registerGraphRoutes(app, api, limits);

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

export interface RunningServer {
  /** The page's URL (with the actual port when port 0 was asked for). */
  url: string;
  /**
   * Stops listening and waits for the requests in flight to finish. Call it before closing the
   * store, so no request runs on a closed store.
   */
  close(): Promise<void>;
}

/** Listens on host:port (default 127.0.0.1, $PORT or 5180); returns the page's URL and how to stop. */
export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const app = await buildApp(opts);
  // While closing, answers say `Connection: close`: a browser's keep-alive connection then ends with
  // the request in flight, instead of holding close() open until its keep-alive timeout (72 s).
  let closing = false;
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  const port = opts.port ?? Number(process.env.PORT ?? 5180);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port, host });
  const addr = app.server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  return {
    url: `http://${host}:${actual}/`,
    close: () => {
      closing = true;
      return app.close();
    },
  };
}
