import type { Hono } from 'hono';
import type { AppDeps } from '../routes/deps.ts';
import { requireToken } from '../routes/auth.ts';
import type { SecurityConfig } from './config.ts';
import { requireApiContentType } from './contentType.ts';
import { securityHeaders } from './headers.ts';
import { rateLimit } from './rateLimit.ts';
import { sessionRoutes } from './session.ts';
import { Sessions } from './sessions.ts';
import { SpendLedger, spendCap } from './spendCap.ts';

export type { SecurityConfig } from './config.ts';
export { securityConfigFromEnv } from './config.ts';

const DEFAULTS: SecurityConfig = { fillsPerMinute: 60, uploadsPerMinute: 240 };

/**
 * Everything between the network and the routes, in order: security headers (all responses), the
 * content-type rule (CSRF), the access token, /api/session, per-client rate limits and the daily spend
 * caps. Call on the outer app before mounting `/api`. No CORS middleware: the API is same-origin only.
 */
export function installSecurity(app: Hono, deps: AppDeps, now: () => number = Date.now): void {
  const config = deps.config.security ?? DEFAULTS;
  app.use('*', securityHeaders());
  app.use('/api/*', requireApiContentType());
  const token = deps.config.accessToken;
  const sessions = token ? new Sessions(token, config.sessionsFile, now) : undefined;
  if (token && sessions) app.use('/api/*', requireToken(token, sessions));
  app.route('/api/session', sessionRoutes(token, sessions));
  if (config.uploadsPerMinute > 0) {
    app.on('POST', '/api/images', rateLimit('uploads', config.uploadsPerMinute, now));
  }
  // A QA batch is one submit of many jobs: it counts against the fill limit and the spend caps too.
  const submits = ['/api/fills', '/api/batches'];
  if (config.fillsPerMinute > 0) app.on('POST', submits, rateLimit('fills', config.fillsPerMinute, now));
  const ledger = new SpendLedger(config.spendFile, now);
  app.on('POST', submits, spendCap(config, deps.images, ledger, now));
  // A re-run makes the stored batch's jobs again: it is capped by that batch's matrix.
  const rerun = '/api/batches/:id/rerun';
  if (config.fillsPerMinute > 0) app.on('POST', rerun, rateLimit('fills', config.fillsPerMinute, now));
  app.on(
    'POST',
    rerun,
    spendCap(
      config,
      deps.images,
      ledger,
      now,
      async (c) => (await deps.batches.get(c.req.param('id') ?? ''))?.request,
    ),
  );
}
