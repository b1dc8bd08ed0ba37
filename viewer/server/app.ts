import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { z } from 'zod';
import type { GraphStore } from '../../graph/store.js';
import type { CatalogEntry } from '../shared/api-types.js';
import { CsvQuery, issuesText } from './api-params.js';
import { edgesCsvChunks, graphmlChunks, nodesCsvChunks } from './export-formats.js';
import { storeExportSource } from './export-source.js';
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
  /**
   * Host names (without port) the server answers to; any other Host header gets 421, so a web
   * page cannot reach the API through DNS rebinding. Default: 127.0.0.1, localhost, [::1], plus
   * VIEWER_ALLOWED_HOSTS (comma-separated) and, in startServer, the host it binds.
   */
  allowedHosts?: string[];
  /** How long a node's panel and neighbours are reused, in ms (default VIEWER_CACHE_MS, else 30 s on a frozen store and off on others; 0 turns it off). */
  readCacheMs?: number;
}

export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/** The Host header's name part, lower-cased ('LOCALHOST:5180' → 'localhost', '[::1]:80' → '[::1]'). */
export function hostName(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]\s/@]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  return m ? m[1]!.toLowerCase() : null;
}

/** The error code of the project's `{error, reason}` shape for an HTTP status. */
function errorCode(status: number): string {
  const named: Record<number, string> = { 400: 'bad_request', 404: 'not_found', 405: 'method_not_allowed', 408: 'timeout', 413: 'payload_too_large', 414: 'uri_too_long', 415: 'unsupported_media_type', 421: 'misdirected_request', 431: 'headers_too_large' };
  return named[status] ?? (status >= 500 ? 'internal' : 'bad_request');
}

/** Headers every answer gets, also those written before routing (bad URL, malformed request). */
const BASE_HEADERS = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };

/**
 * Node's HTTP parser refuses a request before Fastify sees it (headers too large, an unknown
 * method, a malformed request line): answer in the project's shape instead of Fastify's.
 */
function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'request headers too large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request not received in time']
        : err.code === 'HPE_INVALID_METHOD'
          ? [400, 'malformed request: unknown HTTP method']
          : [400, `malformed request${err.code ? ` (${err.code})` : ''}`];
  const body = JSON.stringify({ error: errorCode(status), reason });
  if (socket.writable) {
    const headers = Object.entries(BASE_HEADERS).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${headers}connection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}

function sendError(reply: FastifyReply, status: number, reason: string): FastifyReply {
  return reply.code(status).headers(BASE_HEADERS).type('application/json; charset=utf-8').send({ error: errorCode(status), reason });
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new BadRequest(issuesText(r.error));
  return r.data;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 256 * 1024,
    clientErrorHandler,
    // A bad %-escape or an overlong parameter, found while routing.
    frameworkErrors: (err, _req, reply) => sendError(reply, (err as { statusCode?: number }).statusCode ?? 400, err.message),
  });
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const envCache = process.env.VIEWER_CACHE_MS;
  const readCacheMs = opts.readCacheMs ?? (envCache !== undefined && envCache !== '' ? Number(envCache) : undefined);
  if (readCacheMs !== undefined && !(readCacheMs >= 0)) throw new Error(`VIEWER_CACHE_MS: not a number of milliseconds: ${envCache}`);
  const api = new GraphApi(opts.store, { catalog: opts.catalog ?? null, readCacheMs });
  const envHosts = (process.env.VIEWER_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  const allowed = new Set([...(opts.allowedHosts ?? LOOPBACK_HOSTS), ...envHosts].map((h) => h.toLowerCase()));

  // First of all: a request for another host name is refused before any other work.
  app.addHook('onRequest', async (req, reply) => {
    const name = hostName(req.headers.host);
    if (!name || !allowed.has(name)) {
      return sendError(reply, 421, `this server answers only for ${[...allowed].join(', ')} (Host: ${JSON.stringify(req.headers.host ?? '')}); set VIEWER_ALLOWED_HOSTS to add a name`);
    }
  });

  // Security headers. The page loads its script and styles from this origin only; Cytoscape styles
  // elements through the DOM, which a style-src policy does not govern. No HSTS or upgrade: plain HTTP on loopback.
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, 'img-src': ["'self'", 'data:', 'blob:'] } },
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });

  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof BadRequest) return sendError(reply, 400, err.message);
    // Fastify's own 4xx (malformed JSON, wrong content type, body too large) keep their status and message.
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return sendError(reply, status, (err as Error).message);
    app.log.error(err);
    return sendError(reply, 500, (err as Error).message);
  });

  app.setNotFoundHandler((req, reply) => sendError(reply, 404, `no route ${req.method} ${req.url.split('?')[0]}`));

  // The read routes (search, overview, details, console ...) live with the reads they expose.
  registerGraphRoutes(app, api, limits);

  // Exports stream page by page: six at once on a 26k-node graph held 2.2 GB when each was built whole.
  app.get('/api/export/graphml', (_req, reply) => {
    reply.type('application/graphml+xml; charset=utf-8').header('content-disposition', 'attachment; filename="graph.graphml"');
    return reply.send(Readable.from(graphmlChunks(storeExportSource(opts.store))));
  });

  app.get('/api/export/csv', (req, reply) => {
    const { part } = parse(CsvQuery, req.query);
    const src = storeExportSource(opts.store);
    reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="graph-${part}.csv"`);
    return reply.send(Readable.from(part === 'nodes' ? nodesCsvChunks(src) : edgesCsvChunks(src)));
  });

  app.all('/api/*', (req, reply) => sendError(reply, 404, `no API route ${req.method} ${req.url.split('?')[0]}`));

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
  const host = opts.host ?? '127.0.0.1';
  // Bound to another address, the server also answers for that name.
  const bound = hostName(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
  const allowedHosts = [...(opts.allowedHosts ?? LOOPBACK_HOSTS), ...(bound && bound !== '0.0.0.0' && bound !== '[::]' ? [bound] : [])];
  const app = await buildApp({ ...opts, allowedHosts });
  // While closing, answers say `Connection: close`: a browser's keep-alive connection then ends with
  // the request in flight, instead of holding close() open until its keep-alive timeout (72 s).
  let closing = false;
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  const port = opts.port ?? Number(process.env.PORT ?? 5180);
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
