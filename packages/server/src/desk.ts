import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/** Where `pnpm --filter @komek/desk build` puts the case desk (apps/desk/dist). */
export const defaultDeskDir = fileURLToPath(new URL('../../../apps/desk/dist/', import.meta.url));

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The desk's Content-Security-Policy: scripts only from the server itself (no inline script, no eval), everything
 * else from the same origin; images also as `data:`/`blob:` URLs (drawn signatures, the icon, PDFs of the case); no
 * plugins, no framing, no `<base>`. Inline style attributes stay allowed: the form element sets some from its
 * templates, and a style cannot run code.
 */
export const deskContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built case desk at `/`: its files as they are, and `index.html` for any other path outside `/api` (the
 * desk routes in the page). Only files inside the folder are ever read. Hashed files under `assets/` are cached for
 * a year; `index.html` is revalidated each time so that a new release is picked up at once.
 * When the folder has no `index.html` (the desk was not built), `/` says how to build it.
 */
export function serveDesk(app: FastifyInstance, dir: string = defaultDeskDir): void {
  const root = resolve(dir);
  const built = () => existsSync(resolve(root, 'index.html'));
  app.get('/*', async (request, reply) => {
    const path = decodeURIComponent(request.url.split('?')[0]!.split('#')[0]!);
    if (path === '/api' || path.startsWith('/api/')) {
      return reply.callNotFound();
    }
    if (!built()) {
      if (path !== '/' && path !== '/index.html') return reply.callNotFound();
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The case desk is not built: run `pnpm start` (or `pnpm --filter @komek/desk build`) and reload.\n');
    }
    let file = resolve(root, `.${path}`);
    if (file !== root && !file.startsWith(root + sep)) return reply.callNotFound();
    let isFile: boolean;
    try {
      isFile = statSync(file).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile) {
      // A path with an extension names a file that is not there; any other path is one of the desk's pages.
      if (extname(path) !== '') return reply.callNotFound();
      file = resolve(root, 'index.html');
    }
    const body = await readFile(file);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header(
      'cache-control',
      file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    if (file.endsWith('.html')) {
      reply.header('x-frame-options', 'DENY');
      reply.header('content-security-policy', deskContentSecurityPolicy);
    }
    return reply.type(types[extname(file)] ?? 'application/octet-stream').send(body);
  });
}
