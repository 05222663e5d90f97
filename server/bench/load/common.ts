import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../src/app.ts';
import { parseEnv } from '../../src/env.ts';
import { buildServices, type ServiceOverrides } from '../../src/services.ts';

/** The real app and services on a temp DATA_DIR, served on a loopback port. */
export async function startServer(env: Record<string, string>, overrides: ServiceOverrides = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'maskfill-bench-'));
  const services = await buildServices(
    parseEnv({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_FILLS_PER_MIN: '0',
      RATE_LIMIT_UPLOADS_PER_MIN: '0',
      ...env,
    }),
    { log: () => undefined, ...overrides },
  );
  await services.resume();
  const app = createApp(services);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    services,
    dataDir,
    close: async () => {
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      server.close();
      await services.close();
    },
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
