import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built page (dist/viewer) without an extra dependency: GET of a file under the
 * root, index.html for '/', hashed assets cached for a year. Paths cannot climb out of the root.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export function registerStatic(app: FastifyInstance, rootDir: string): void {
  const root = resolve(rootDir);
  app.get('/*', async (req, reply) => {
    const urlPath = decodeURIComponent((req.url.split('?')[0] ?? '/').replace(/^\/+/, ''));
    const rel = urlPath === '' ? 'index.html' : urlPath;
    const file = normalize(join(root, rel));
    if (file !== root && !file.startsWith(root + sep)) return reply.code(404).send({ error: 'not_found', reason: 'no such file' });
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      if (urlPath === '' || urlPath === 'index.html') {
        return reply
          .code(503)
          .type('text/plain; charset=utf-8')
          .send(`The viewer page is not built: run \`npm run build\` (looked in ${root}).`);
      }
      return reply.code(404).send({ error: 'not_found', reason: `no such file: /${urlPath}` });
    }
    reply.type(TYPES[extname(file)] ?? 'application/octet-stream');
    reply.header('content-length', info.size);
    reply.header('cache-control', rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    return reply.send(createReadStream(file));
  });
}
