import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { compress } from 'hono/compress';

/**
 * The built web app: hashed /assets/* cached forever, other files as they are, and index.html for any
 * other GET so client-side routes survive a reload. Never shadows /api.
 */
export function webRoutes(distDir: string) {
  const root = resolve(distDir);
  const rel = relative(process.cwd(), root) || '.';
  const app = new Hono();
  // The JS bundle is ~650 kB raw, ~200 kB gzipped. (Only this sub-app: SSE and images are not compressed.)
  app.use('*', compress());
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', async (c, next) => {
    await next();
    // index.html names the current hashed bundles: always revalidate it.
    if (c.res.headers.get('content-type')?.startsWith('text/html')) c.header('Cache-Control', 'no-cache');
  });
  app.use('*', serveStatic({ root: rel }));
  app.get('*', async (c) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return c.notFound();
    const index = join(root, 'index.html');
    if (!existsSync(index)) {
      return c.text('The web app is not built: run `pnpm start` (it builds first) or `pnpm dev`.', 503);
    }
    return c.html(await readFile(index, 'utf8'));
  });
  return app;
}
