import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_PROGRESS, type WorkerTask } from '../../src/engine/worker.ts';
import type { LocalProvider } from '../../src/providers/local/index.ts';
import { FillPool, workerExecArgv } from '../../src/providers/local/pool.ts';
import { postFill, startHarness, until, uploadImage, waitForJob, type Harness } from '../support/harness.ts';
import { rectMaskPng, texturedPng } from '../support/images.ts';

function task(size: number, seed = 1): WorkerTask {
  const rgba = new Uint8Array(size * size * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 31) % 251;
  const mask = new Uint8Array(size * size);
  for (let y = size / 4; y < (3 * size) / 4; y++)
    mask.fill(1, y * size + size / 4, y * size + (3 * size) / 4);
  return { width: size, height: size, rgba, mask, seed, method: 'auto', control: new SharedArrayBuffer(8) };
}

describe('FillPool', () => {
  const pool = new FillPool(1);
  afterAll(() => pool.destroy());

  it('runs a fill in a worker thread', async () => {
    const t = task(32);
    const result = await pool.run(t, new AbortController().signal);
    expect(result.ok).toBe(true);
    expect(Atomics.load(new Int32Array(t.control), CONTROL_PROGRESS)).toBe(1000);
  });

  it('cancels a running task through the shared flag and drops a waiting one without running it', async () => {
    const running = task(384);
    const waiting = task(32);
    const a = new AbortController();
    const b = new AbortController();
    const first = pool.run(running, a.signal);
    const second = pool.run(waiting, b.signal);
    const progress = new Int32Array(running.control);
    const deadline = Date.now() + 10_000;
    while (Atomics.load(progress, CONTROL_PROGRESS) === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
    }
    b.abort();
    expect(await second).toEqual({ ok: false, cancelled: true });
    expect(Atomics.load(new Int32Array(waiting.control), CONTROL_PROGRESS)).toBe(0); // never started
    a.abort();
    expect(await first).toEqual({ ok: false, cancelled: true });
    // The thread survived the cancel and takes the next task.
    expect((await pool.run(task(32), new AbortController().signal)).ok).toBe(true);
  });

  it('gives a lone fill both cores and the variations of one job one core each', async () => {
    const two = new FillPool(2);
    try {
      const lone = task(64);
      expect((await two.run(lone, new AbortController().signal)).ok).toBe(true);
      expect(lone.threads).toBe(2);
      const pair = [task(64, 1), task(64, 2)];
      const results = await Promise.all(pair.map((t) => two.run(t, new AbortController().signal)));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(pair.map((t) => t.threads)).toEqual([1, 1]);
    } finally {
      await two.destroy();
    }
  });

  it('adds the tsx loader only when the process does not already have it', () => {
    expect(workerExecArgv([])).toEqual(['--import', 'tsx']);
    expect(workerExecArgv(['--import', 'tsx'])).toBeUndefined();
    expect(
      workerExecArgv(['--require', '/x/tsx/dist/preflight.cjs', '--import', 'file:///x/tsx/dist/loader.mjs']),
    ).toBeUndefined();
    expect(
      workerExecArgv(['--require', '/x/.pnpm/vitest_tsx@4/node_modules/vitest/suppress-warnings.cjs']),
    ).toEqual(['--import', 'tsx']);
  });
});

describe('the local provider through the API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.cleanup());

  it('cancels a running fill at once; the engine thread is free for the next job', async () => {
    const photo = new Uint8Array(await readFile(new URL('../fixtures/astronaut_512.png', import.meta.url)));
    const imageId = (await uploadImage(h.app, photo)).body.id;
    const maskId = (await uploadImage(h.app, await rectMaskPng(512, 512, { x: 100, y: 100, w: 300, h: 300 })))
      .body.id;
    const { body } = await postFill(h.app, { provider: 'local', imageId, maskId, numVariations: 2 });
    const id = (body as { id: string }).id;
    await waitForJob(h.app, id, ['running']);
    const res = await h.app.request(`/api/jobs/${id}/cancel`, { method: 'POST' });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { status: string }).status).toBe('cancelled');
    const job = await waitForJob(h.app, id);
    expect(job.status).toBe('cancelled');
    expect(job.outputs).toEqual([]);
    const local = h.services.providers.get('local') as LocalProvider;
    await until(() => local.activeJobs() === 0);

    const small = await postFill(h.app, {
      provider: 'local',
      imageId: (await uploadImage(h.app, await texturedPng(24, 24))).body.id,
      maskId: (await uploadImage(h.app, await rectMaskPng(24, 24, { x: 4, y: 4, w: 6, h: 6 }))).body.id,
    });
    expect((await waitForJob(h.app, (small.body as { id: string }).id)).status).toBe('succeeded');
  });
});
