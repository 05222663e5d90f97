import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { loadEnv } from './env.ts';
import { buildServices } from './services.ts';

/** Running local jobs get this long to finish on shutdown; the rest resume on the next start. */
const SHUTDOWN_GRACE_MS = 10_000;

const env = (() => {
  try {
    return loadEnv();
  } catch (err) {
    // A readable line naming the variables (never their values), not a stack trace.
    console.error(`maskfill: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
})();
const services = await buildServices(env);
await services.resume();
const app = createApp(services, { webDistDir: env.WEB_DIST_DIR });

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
  console.log(`maskfill listening on http://${host}:${info.port}`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) {
    // A second Ctrl+C means now: jobs still running resume on the next start.
    process.exit(1);
  }
  stopping = true;
  console.log(`maskfill: ${signal}, shutting down (running jobs get ${SHUTDOWN_GRACE_MS / 1000} s)`);
  server.close();
  // SSE streams would hold the server open: end them; clients reconnect with Last-Event-ID.
  if ('closeAllConnections' in server) server.closeAllConnections();
  await services.close(SHUTDOWN_GRACE_MS);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
