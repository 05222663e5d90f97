import type { Client } from '@libsql/client';
import { VERSION, type AppDeps } from './app.ts';
import type { Env } from './env.ts';
import { JobRegistry } from './jobs/registry.ts';
import { JobRunner, type RunnerOptions } from './jobs/runner.ts';
import { createProviders, type Providers } from './providers/index.ts';
import { enrichOutputs } from './results/enrich.ts';
import { createLogger, type Log } from './log.ts';
import { closeResultPool } from './results/pool.ts';
import type { ProviderDeps } from './providers/interface.ts';
import { securityConfigFromEnv } from './security/config.ts';
import { BatchStore } from './storage/batches.ts';
import { databaseUrl, openDatabase } from './storage/db.ts';
import { ImageStore } from './storage/images.ts';
import { JobStore } from './storage/jobs.ts';

export interface Services extends AppDeps {
  db: Client;
  jobs: JobStore;
  /** Picks up jobs left queued or running by the previous process. */
  resume(): Promise<void>;
  /** Stops the runner (running jobs get `graceMs` to finish), the worker pool and the database. */
  close(graceMs?: number): Promise<void>;
}

export interface ServiceOverrides {
  log?: Log;
  sseHeartbeatMs?: number;
  runner?: Pick<RunnerOptions, 'retry' | 'poll' | 'now'>;
  /** Replaces the providers built from env (tests: a scripted provider). */
  providers?: (deps: ProviderDeps) => Providers;
}

export { createLogger } from './log.ts';

/** The real services for an Env: used by index.ts, and by tests on a temp DATA_DIR. */
export async function buildServices(env: Env, overrides: ServiceOverrides = {}): Promise<Services> {
  const log = overrides.log ?? createLogger(env.LOG_LEVEL);
  const db = await openDatabase(databaseUrl(env.DATA_DIR, env.DATABASE_URL));
  const images = await ImageStore.open({
    dataDir: env.DATA_DIR,
    db,
    maxUploadBytes: Math.round(env.MAX_UPLOAD_MB * 1024 * 1024),
  });
  const jobs = new JobStore(db);
  const registry = new JobRegistry(jobs);
  const providerDeps: ProviderDeps = { images, fetch: globalThis.fetch, now: Date.now, log };
  const providers = overrides.providers?.(providerDeps) ?? createProviders(env, providerDeps);
  const runner = new JobRunner({
    registry,
    providers: providers.registry,
    images,
    log,
    decorateOutputs: (job, maskId, outputs) => enrichOutputs(images, job, maskId, outputs, { log }),
    deadlineMs: env.JOB_DEADLINE_MINUTES * 60_000,
    ...overrides.runner,
  });
  return {
    config: {
      version: VERSION,
      sseHeartbeatMs: overrides.sseHeartbeatMs ?? 15_000,
      ...(env.MASKFILL_ACCESS_TOKEN ? { accessToken: env.MASKFILL_ACCESS_TOKEN } : {}),
      security: securityConfigFromEnv(env),
    },
    db,
    images,
    jobs,
    registry,
    runner,
    providers: providers.registry,
    batches: new BatchStore(db),
    log,
    resume: async () => runner.resume(await jobs.listLive()),
    close: async (graceMs = 0) => {
      await runner.stop(graceMs);
      await providers.close();
      await closeResultPool();
      db.close();
    },
  };
}
