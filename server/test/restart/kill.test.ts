import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Job } from '../../src/contract/index.ts';
import { startFalEmulator, type FalEmulator } from '../emulators/fal.ts';
import { startFireflyEmulator, type RunningFireflyEmulator } from '../emulators/firefly.ts';
import { rectMaskPng, texturedPng } from '../support/images.ts';

// A real server process (tsx, loopback, its own port) against both emulators: SIGKILL mid-work, restart.
const ROOT = resolve(import.meta.dirname, '../../..');
let fal: FalEmulator;
let firefly: RunningFireflyEmulator;
let dataDir: string;
const children: ChildProcess[] = [];

interface Server {
  child: ChildProcess;
  base: string;
  output: string[];
  exited: Promise<number | null>;
}

async function startServer(): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      WEB_DIST_DIR: join(dataDir, 'no-web'),
      LOCAL_WORKERS: '1',
      LOG_LEVEL: 'info',
      FAL_KEY: fal.key,
      FAL_QUEUE_BASE_URL: fal.url,
      FAL_REST_BASE_URL: fal.url,
      FIREFLY_SERVICES_CLIENT_ID: 'kill-client',
      FIREFLY_SERVICES_CLIENT_SECRET: 'kill-secret',
      FIREFLY_API_BASE_URL: firefly.apiBaseUrl,
      FIREFLY_IMS_URL: firefly.imsUrl,
      FIREFLY_RPM: '600',
      RESULT_HOSTS: `${new URL(fal.url).host},${firefly.host}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const output: string[] = [];
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const base = await new Promise<string>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.join(''));
      if (m?.[1]) {
        clearTimeout(timer);
        resolvePort(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
    void exited.then(() => reject(new Error(`server exited:\n${output.join('')}`)));
  });
  return { child, base, output, exited };
}

async function api<T = unknown>(
  s: Server,
  path: string,
  init?: RequestInit,
): Promise<{ status: number; body: T }> {
  const res = await fetch(s.base + path, init);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

async function upload(s: Server, bytes: Uint8Array) {
  const { body } = await api<{ id: string }>(s, '/api/images', {
    method: 'POST',
    headers: { 'content-type': 'image/png' },
    body: new Uint8Array(bytes),
  });
  return body.id;
}

async function fill(s: Server, request: Record<string, unknown>) {
  const { status, body } = await api<{ id: string }>(s, '/api/fills', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  expect(status).toBe(202);
  return body.id;
}

/** One Firefly and one fal fill of the same image and mask: [firefly job id, fal job id]. */
async function fillBothRemote(s: Server, ids: { imageId: string; maskId: string }, prompt: string) {
  const size = { width: 1024, height: 1024 };
  return [
    await fill(s, { provider: 'firefly', ...ids, prompt, size }),
    await fill(s, { provider: 'fal', ...ids, prompt }),
  ];
}

const getJob = async (s: Server, id: string) => Job.parse((await api(s, `/api/jobs/${id}`)).body);

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** Distinct upstream jobs the server has polled the status of, per emulator. */
function polledUpstream(provider: 'firefly' | 'fal'): number {
  const paths =
    provider === 'firefly'
      ? firefly.emulator.requests.filter((r) => r.route === 'status').map((r) => r.path)
      : fal.requests.filter((r) => /\/requests\/[^/]+\/status$/.test(r.path)).map((r) => r.path);
  return new Set(paths).size;
}

const fireflyFills = () => firefly.emulator.count('fill', 'POST');
const falFills = () => fal.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/fill')).length;
const fireflyUploads = () => firefly.emulator.count('upload', 'POST');
const falUploads = () => fal.requests.filter((r) => r.path === '/storage/upload/initiate').length;
/** How long the emulators stall a request the test kills the server during. */
const STALL_MS = 10_000;

beforeAll(async () => {
  fal = await startFalEmulator();
  firefly = await startFireflyEmulator({
    clientId: 'kill-client',
    clientSecret: 'kill-secret',
    fillMethod: 'diffusion',
    pendingPolls: 2,
    runningPolls: 3,
  });
  fal.script({ queuePolls: 2, progressPolls: 3 });
  dataDir = await mkdtemp(join(tmpdir(), 'maskfill-kill-'));
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await fal.close();
  await firefly.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('SIGKILL with jobs queued and running on every provider, then restart', () => {
  it('all 11 jobs resume and succeed, finished results are intact, SQLite is sound; SIGTERM drains', async () => {
    let s = await startServer();
    const imageId = await upload(s, await texturedPng(160, 120));
    const maskId = await upload(s, await rectMaskPng(160, 120, { x: 40, y: 30, w: 60, h: 40 }));

    // One finished job whose result must survive the kill byte for byte.
    const doneId = await fill(s, { provider: 'local', imageId, maskId, options: { method: 'diffusion' } });
    await waitFor(
      async () => (await getJob(s, doneId)).status === 'succeeded',
      30_000,
      'the first local job',
    );
    const done = await getJob(s, doneId);
    const resultIds = done.outputs.map((o) => o.imageId);

    // Remote jobs first. Kill only once each has been polled upstream: the runner polls a job only after
    // saving its upstream handle, so each is found again after the restart (polled, not re-created).
    const remote: string[] = [];
    for (let i = 0; i < 3; i++)
      remote.push(
        await fill(s, {
          provider: 'firefly',
          imageId,
          maskId,
          prompt: `moss ${i}`,
          size: { width: 1024, height: 1024 },
        }),
      );
    for (let i = 0; i < 3; i++)
      remote.push(await fill(s, { provider: 'fal', imageId, maskId, prompt: `moss ${i}` }));
    await waitFor(
      async () => polledUpstream('firefly') === 3 && polledUpstream('fal') === 3,
      20_000,
      'every remote job to be polled upstream (its handle saved)',
    );
    // Then local work: one running on the single engine worker, two queued behind it.
    const local: string[] = [];
    for (let i = 0; i < 3; i++)
      local.push(await fill(s, { provider: 'local', imageId, maskId, seeds: [i + 1] }));
    await waitFor(
      async () => (await getJob(s, local[0]!)).status === 'running',
      20_000,
      'the first local job to run',
    );
    // Last, one Firefly and one fal job killed during their uploads (stalled by the emulators; a new
    // image, so no upload is cached): nothing billable was sent, so after the restart each is submitted
    // again, exactly once.
    const imageId2 = await upload(s, await texturedPng(192, 128));
    const maskId2 = await upload(s, await rectMaskPng(192, 128, { x: 50, y: 30, w: 60, h: 50 }));
    firefly.emulator.inject({ route: 'upload', delayMs: STALL_MS, times: 2 });
    fal.fault({ route: 'initiate', delayMs: STALL_MS, times: 2 });
    const uploadsBefore = { firefly: fireflyUploads(), fal: falUploads() };
    const fillsBefore = { firefly: fireflyFills(), fal: falFills() };
    const uploading = await fillBothRemote(s, { imageId: imageId2, maskId: maskId2 }, 'fern');
    await waitFor(
      async () => fireflyUploads() > uploadsBefore.firefly && falUploads() > uploadsBefore.fal,
      STALL_MS / 2,
      'both jobs to start uploading',
    );
    const ids = [...local, ...remote, ...uploading];
    const before = await Promise.all(ids.map((id) => getJob(s, id)));
    expect(before.map((j) => `${j.provider}:${j.status}`)).toEqual([
      'local:running',
      'local:queued',
      'local:queued',
      ...Array<string>(3).fill('firefly:running'),
      ...Array<string>(3).fill('fal:running'),
      'firefly:running',
      'fal:running',
    ]);

    s.child.kill('SIGKILL');
    await s.exited;
    expect({ firefly: fireflyFills(), fal: falFills() }).toEqual(fillsBefore);

    s = await startServer();
    await waitFor(
      async () => (await Promise.all(ids.map((id) => getJob(s, id)))).every((j) => TERMINAL.has(j.status)),
      90_000,
      'every job to end after the restart',
    );
    const after = await Promise.all(ids.map((id) => getJob(s, id)));
    // Nothing was lost: the running and queued local jobs re-ran, the remote ones were polled again.
    expect(after.map((j) => `${j.provider}:${j.status}`)).toEqual(
      before.map((j) => `${j.provider}:succeeded`),
    );
    for (const job of after) expect(job.outputs.length, JSON.stringify(job)).toBeGreaterThan(0);
    // The jobs killed during their uploads were submitted again, once each (the others only polled).
    expect({ firefly: fireflyFills() - fillsBefore.firefly, fal: falFills() - fillsBefore.fal }).toEqual({
      firefly: 1,
      fal: 1,
    });
    for (const id of uploading) {
      expect((await getJob(s, id)).notes?.join('\n')).toMatch(
        /Re-submitted after a server restart \(the earlier attempt never reached (Adobe Firefly|fal)\)/,
      );
    }

    // The earlier result: same job, same bytes (content-addressed: the sha-256 is the id).
    expect((await getJob(s, doneId)).outputs.map((o) => o.imageId)).toEqual(resultIds);
    for (const id of [...resultIds, ...after.flatMap((j) => j.outputs.map((o) => o.imageId))]) {
      const bytes = new Uint8Array(await (await fetch(`${s.base}/api/images/${id}`)).arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(id);
    }

    // Graceful SIGTERM: a running local job finishes inside the grace period, exit code 0.
    const drainId = await fill(s, { provider: 'local', imageId, maskId, options: { method: 'diffusion' } });
    await waitFor(
      async () => (await getJob(s, drainId)).status !== 'queued',
      10_000,
      'the drain job to start',
    );
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.output.join('')).toMatch(/SIGTERM, shutting down/);

    const db = createClient({ url: pathToFileURL(join(dataDir, 'maskfill.db')).href });
    try {
      const check = await db.execute('PRAGMA integrity_check');
      expect(check.rows.map((r) => r[0])).toEqual(['ok']);
      const row = await db.execute({ sql: 'SELECT status FROM jobs WHERE id = ?', args: [drainId] });
      expect(row.rows[0]?.[0]).toBe('succeeded');
    } finally {
      db.close();
    }
  }, 180_000);
});

describe('SIGTERM with remote jobs running', () => {
  it('exits 0 inside the grace period; after a restart every job ends succeeded without being submitted twice', async () => {
    let s = await startServer();
    const imageId = await upload(s, await texturedPng(160, 120));
    const maskId = await upload(s, await rectMaskPng(160, 120, { x: 40, y: 30, w: 60, h: 40 }));
    const before = { firefly: fireflyFills(), fal: falFills() };
    const ids = await fillBothRemote(s, { imageId, maskId }, 'ivy');
    await waitFor(
      async () => (await Promise.all(ids.map((id) => getJob(s, id)))).every((j) => j.status === 'running'),
      20_000,
      'both remote jobs to run',
    );
    await waitFor(
      async () => fireflyFills() > before.firefly && falFills() > before.fal,
      20_000,
      'both remote jobs to reach their upstream',
    );
    const termAt = Date.now();
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    // The grace period is 10 s; the process must not hang on open streams or timers past it.
    expect(Date.now() - termAt).toBeLessThan(15_000);
    expect(s.output.join('')).toMatch(/SIGTERM, shutting down/);

    s = await startServer();
    await waitFor(
      async () => (await Promise.all(ids.map((id) => getJob(s, id)))).every((j) => TERMINAL.has(j.status)),
      60_000,
      'both jobs to end after the restart',
    );
    for (const id of ids) {
      const job = await getJob(s, id);
      expect(job.status, JSON.stringify(job)).toBe('succeeded');
      expect(job.outputs.length).toBe(1);
    }
    // Resumed by polling the saved upstream handle, never submitted (and paid for) a second time.
    expect(fireflyFills() - before.firefly).toBe(1);
    expect(falFills() - before.fal).toBe(1);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  }, 120_000);
});

describe('SIGKILL after the create request was sent, before the upstream handle was saved', () => {
  it('each job fails after the restart with the restart message and is never submitted a second time', async () => {
    let s = await startServer();
    const imageId = await upload(s, await texturedPng(208, 128));
    const maskId = await upload(s, await rectMaskPng(208, 128, { x: 60, y: 30, w: 60, h: 50 }));
    // The create requests stall upstream; the kill lands while they are in flight.
    firefly.emulator.inject({ route: 'fill', delayMs: STALL_MS });
    fal.fault({ route: 'submit', delayMs: STALL_MS });
    const before = { firefly: fireflyFills(), fal: falFills() };
    const ids = await fillBothRemote(s, { imageId, maskId }, 'reeds');
    await waitFor(
      async () => fireflyFills() > before.firefly && falFills() > before.fal,
      STALL_MS / 2,
      'both create requests to reach their upstream',
    );
    s.child.kill('SIGKILL');
    await s.exited;

    s = await startServer();
    await waitFor(
      async () => (await Promise.all(ids.map((id) => getJob(s, id)))).every((j) => TERMINAL.has(j.status)),
      30_000,
      'both jobs to end after the restart',
    );
    for (const id of ids) {
      const job = await getJob(s, id);
      expect(job.status, JSON.stringify(job)).toBe('failed');
      expect(job.error).toMatchObject({ code: 'upstream_error', retryable: true });
      expect(job.error?.message).toMatch(
        /^The server restarted and the (firefly|fal) job could not be found again; please submit it again\.$/,
      );
    }
    // Possibly created (and billed) upstream once; never a second time.
    expect({ firefly: fireflyFills() - before.firefly, fal: falFills() - before.fal }).toEqual({
      firefly: 1,
      fal: 1,
    });
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  }, 60_000);
});
