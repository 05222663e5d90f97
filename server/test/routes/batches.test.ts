import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Batch, BatchList, ProviderLimits } from '../../src/contract/index.ts';
import { startHarness, uploadImage, waitForJob, type Harness } from '../support/harness.ts';
import { rectMaskPng, texturedPng } from '../support/images.ts';

let h: Harness;
let ids: { imageId: string; maskId: string };
beforeAll(async () => {
  h = await startHarness();
  const image = await uploadImage(h.app, await texturedPng(48, 40));
  const mask = await uploadImage(h.app, await rectMaskPng(48, 40, { x: 12, y: 10, w: 16, h: 12 }));
  ids = { imageId: image.body.id, maskId: mask.body.id };
});
afterAll(() => h?.cleanup());

const send = async (app: Harness['app'], method: string, path: string, body?: unknown) => {
  const res = await app.request(path, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { res, body: res.status === 204 ? null : ((await res.json()) as unknown) };
};

const matrix = () => ({
  ...ids,
  prompts: ['a red door', 'a stone wall', 'ivy'],
  seeds: [7, 8],
  providers: ['local'],
});

async function settle(app: Harness['app'], batch: Batch): Promise<Batch> {
  for (const cell of batch.cells) await waitForJob(app, cell.jobId);
  return Batch.parse((await send(app, 'GET', `/api/batches/${batch.id}`)).body);
}

describe('QA batches', () => {
  it('creates one job per prompt × seed, in grid order, and each finishes with its seed', async () => {
    const { res, body } = await send(h.app, 'POST', '/api/batches', matrix());
    expect(res.status).toBe(201);
    const batch = Batch.parse(body);
    expect(res.headers.get('location')).toBe(`/api/batches/${batch.id}`);
    expect(batch.cells.map((c) => [c.prompt, c.seed])).toEqual([
      ['a red door', 7],
      ['a red door', 8],
      ['a stone wall', 7],
      ['a stone wall', 8],
      ['ivy', 7],
      ['ivy', 8],
    ]);
    expect(new Set(batch.cells.map((c) => c.jobId)).size).toBe(6);
    const done = await settle(h.app, batch);
    for (const cell of done.cells) {
      expect(cell.job?.status).toBe('succeeded');
      expect(cell.job?.request).toMatchObject({ prompt: cell.prompt, seeds: [cell.seed], provider: 'local' });
      expect(cell.job?.outputs).toHaveLength(1);
    }
  });

  it('stores marks and notes, lists pass/fail counts, and keeps them across a restart', async () => {
    const batch = Batch.parse((await send(h.app, 'POST', '/api/batches', matrix())).body);
    const pass = await send(h.app, 'PUT', `/api/batches/${batch.id}/cells/c1/mark`, {
      mark: 'pass',
      note: 'clean edge',
    });
    expect(pass.res.status).toBe(200);
    // Two marks at once must both survive (read-modify-write on one row).
    await Promise.all([
      send(h.app, 'PUT', `/api/batches/${batch.id}/cells/c2/mark`, { mark: 'fail', note: 'seam' }),
      send(h.app, 'PUT', `/api/batches/${batch.id}/cells/c3/mark`, { mark: 'fail' }),
    ]);
    await settle(h.app, batch);

    const dataDir = h.dataDir;
    await h.close();
    h = await startHarness({ dataDir });
    const again = Batch.parse((await send(h.app, 'GET', `/api/batches/${batch.id}`)).body);
    expect(again.cells.map((c) => [c.id, c.mark, c.note])).toEqual([
      ['c0', null, ''],
      ['c1', 'pass', 'clean edge'],
      ['c2', 'fail', 'seam'],
      ['c3', 'fail', ''],
      ['c4', null, ''],
      ['c5', null, ''],
    ]);
    const list = BatchList.parse((await send(h.app, 'GET', '/api/batches')).body);
    expect(list.batches.find((b) => b.id === batch.id)).toMatchObject({ cellCount: 6, passed: 1, failed: 2 });

    const cleared = Batch.parse(
      (await send(h.app, 'PUT', `/api/batches/${batch.id}/cells/c1/mark`, { mark: null })).body,
    );
    expect(cleared.cells[1]).toMatchObject({ mark: null, note: '' });
  });

  it('re-runs a batch as a new batch with the same matrix, fresh jobs and no marks', async () => {
    const first = Batch.parse((await send(h.app, 'POST', '/api/batches', matrix())).body);
    await send(h.app, 'PUT', `/api/batches/${first.id}/cells/c0/mark`, { mark: 'pass' });
    const { res, body } = await send(h.app, 'POST', `/api/batches/${first.id}/rerun`);
    expect(res.status).toBe(201);
    const second = Batch.parse(body);
    expect(second.id).not.toBe(first.id);
    expect(second.rerunOf).toBe(first.id);
    expect(second.request).toEqual(first.request);
    expect(second.cells.map((c) => [c.prompt, c.seed, c.provider])).toEqual(
      first.cells.map((c) => [c.prompt, c.seed, c.provider]),
    );
    expect(second.cells.every((c) => c.mark === null)).toBe(true);
    expect(second.cells.some((c) => first.cells.some((f) => f.jobId === c.jobId))).toBe(false);
    await settle(h.app, second);
    await settle(h.app, first);
  });

  it('refuses a bad matrix before creating any job', async () => {
    const before = (await send(h.app, 'GET', '/api/jobs?limit=200')).body as { jobs: unknown[] };
    const cases: [unknown, number, string][] = [
      [{ ...matrix(), seeds: [1, 1] }, 400, 'seeds must be unique'],
      [{ ...matrix(), prompts: Array(50).fill('p'), seeds: [1, 2, 3, 4, 5] }, 400, 'at most 200'],
      [{ ...matrix(), providers: ['firefly'] }, 503, 'not available'],
      [{ ...matrix(), providers: ['local', 'fal'] }, 503, 'not available'],
      [{ ...matrix(), maskId: 'f'.repeat(64) }, 404, 'maskId'],
      [{ ...matrix(), extra: 1 }, 400, ''],
    ];
    for (const [req, status, message] of cases) {
      const { res, body } = await send(h.app, 'POST', '/api/batches', req);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((body as { error: { message: string } }).error.message).toContain(message);
    }
    const after = (await send(h.app, 'GET', '/api/jobs?limit=200')).body as { jobs: unknown[] };
    expect(after.jobs.length).toBe(before.jobs.length);
  });

  it('answers 404 for an unknown batch or cell, and deletes a batch but not its jobs', async () => {
    expect((await send(h.app, 'GET', '/api/batches/nope')).res.status).toBe(404);
    const batch = Batch.parse(
      (await send(h.app, 'POST', '/api/batches', { ...matrix(), prompts: ['x'] })).body,
    );
    expect(
      (await send(h.app, 'PUT', `/api/batches/${batch.id}/cells/c9/mark`, { mark: 'pass' })).res.status,
    ).toBe(404);
    await settle(h.app, batch);
    expect((await send(h.app, 'DELETE', `/api/batches/${batch.id}`)).res.status).toBe(204);
    expect((await send(h.app, 'GET', `/api/batches/${batch.id}`)).res.status).toBe(404);
    expect((await send(h.app, 'GET', `/api/jobs/${batch.cells[0]!.jobId}`)).res.status).toBe(200);
  });

  it('reports each provider’s admission limits for the time estimate', async () => {
    const limits = ProviderLimits.parse((await send(h.app, 'GET', '/api/batches/limits')).body);
    expect(limits.limits.find((l) => l.provider === 'local')).toEqual({
      provider: 'local',
      concurrency: 1,
      requestsPerMinute: null,
    });
  });
});
