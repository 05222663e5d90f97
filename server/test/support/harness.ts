import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createApp } from '../../src/app.ts';
import { Job, type FillRequest } from '../../src/contract/index.ts';
import { parseEnv } from '../../src/env.ts';
import { buildServices, type ServiceOverrides, type Services } from '../../src/services.ts';
import { databaseUrl, openDatabase } from '../../src/storage/db.ts';
import { JobStore } from '../../src/storage/jobs.ts';

export interface Harness {
  app: ReturnType<typeof createApp>;
  services: Services;
  dataDir: string;
  logs: string[];
  /** Closes the services (running jobs get `graceMs`); the data dir stays until `cleanup`. */
  close(graceMs?: number): Promise<void>;
  cleanup(): Promise<void>;
}

export interface HarnessOptions extends ServiceOverrides {
  env?: Record<string, string>;
  /** Reuse a data dir (restart tests). */
  dataDir?: string;
}

/** Real services on a temp DATA_DIR, one engine thread, fast polling. */
/** Runs `use` on the job store of a stopped server's data folder, then closes the database. */
export async function withJobStore<T>(dataDir: string, use: (store: JobStore) => Promise<T>): Promise<T> {
  const db = await openDatabase(databaseUrl(dataDir));
  try {
    return await use(new JobStore(db));
  } finally {
    db.close();
  }
}

/** A job's stored row, read straight from a data folder's database. */
export const storedJob = (dataDir: string, id: string) => withJobStore(dataDir, (store) => store.get(id));

/**
 * `start(options)` for a test file whose tests restart servers on one data folder: every harness it
 * started is closed after each test, then their data folders removed.
 */
export function harnessesPerTest(): (options?: HarnessOptions) => Promise<Harness> {
  const open: Harness[] = [];
  afterEach(async () => {
    const dirs = new Set(open.map((h) => h.dataDir));
    for (const h of open.splice(0)) await h.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  return async (options = {}) => {
    const h = await startHarness(options);
    open.push(h);
    return h;
  };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'maskfill-test-')));
  const env = parseEnv({ DATA_DIR: dataDir, LOCAL_WORKERS: '1', LOG_LEVEL: 'silent', ...options.env });
  const logs: string[] = [];
  const services = await buildServices(env, {
    log: (m) => logs.push(m),
    runner: { poll: { initialMs: 20, maxMs: 100 }, retry: { baseMs: 5, maxMs: 20 } },
    ...options,
  });
  await services.resume();
  let closed = false;
  const close = async (graceMs = 0) => {
    if (closed) return;
    closed = true;
    await services.close(graceMs);
  };
  return {
    app: createApp(services),
    services,
    dataDir,
    logs,
    close,
    cleanup: async () => {
      await close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function listDir(path: string): Promise<string[]> {
  return readdir(path).catch(() => []);
}

type App = Harness['app'];

export async function uploadImage(app: App, bytes: Uint8Array, type = 'image/png') {
  const res = await app.request('/api/images', {
    method: 'POST',
    headers: { 'content-type': type },
    body: new Uint8Array(bytes),
  });
  return { res, body: (await res.clone().json()) as Record<string, unknown> & { id: string } };
}

export async function postFill(app: App, body: Partial<FillRequest> & Record<string, unknown>) {
  const res = await app.request('/api/fills', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { res, body: (await res.clone().json()) as Record<string, unknown> };
}

export async function getJob(app: App, id: string): Promise<Job> {
  const res = await app.request(`/api/jobs/${id}`);
  if (res.status !== 200) throw new Error(`GET job ${id}: ${res.status}`);
  return Job.parse(await res.json());
}

/** Polls the API until the job reaches one of `statuses`. */
export async function waitForJob(
  app: App,
  id: string,
  statuses: Job['status'][] = ['succeeded', 'failed', 'cancelled'],
  timeoutMs = 20_000,
): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(app, id);
    if (statuses.includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
