import { Hono } from 'hono';
import { errorBody, handleError } from './errors.ts';
import { batchRoutes } from './routes/batches.ts';
import type { AppDeps } from './routes/deps.ts';
import { fillRoutes } from './routes/fills.ts';
import { healthRoutes } from './routes/health.ts';
import { imageRoutes } from './routes/images.ts';
import { jobRoutes } from './routes/jobs.ts';
import { providerRoutes } from './routes/providers.ts';
import { webRoutes } from './routes/web.ts';
import { installSecurity } from './security/index.ts';

export type { AppDeps } from './routes/deps.ts';

export const VERSION = '0.1.0';

export interface AppOptions {
  /** Serve the built web app from this folder (index.ts); tests leave it out. */
  webDistDir?: string;
}

/** The HTTP app: `/api` resources (DESIGN.md §2), one JSON error body for every failure. */
export function createApp(deps: AppDeps, options: AppOptions = {}) {
  const routes = new Hono()
    .route('/health', healthRoutes(deps))
    .route('/providers', providerRoutes(deps))
    .route('/images', imageRoutes(deps))
    .route('/fills', fillRoutes(deps))
    .route('/jobs', jobRoutes(deps))
    .route('/batches', batchRoutes(deps));

  const outer = new Hono();
  // Headers, content types, access token, /api/session, rate limits, spend caps: before any route.
  installSecurity(outer, deps);
  const app = outer.route('/api', routes);
  if (options.webDistDir) app.route('/', webRoutes(options.webDistDir));
  app.notFound((c) => c.json(errorBody('not_found', `There is no ${c.req.method} ${c.req.path}.`), 404));
  app.onError((err, c) => handleError(err, c, deps.log));
  return app;
}

export type AppType = ReturnType<typeof createApp>;
