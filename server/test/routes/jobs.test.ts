import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorBody, JobList, type Job } from '../../src/contract/index.ts';
import {
  getJob,
  postFill,
  startHarness,
  until,
  uploadImage,
  waitForJob,
  type Harness,
} from '../support/harness.ts';
import { rectMaskPng, texturedPng } from '../support/images.ts';
import { ScriptedProvider } from '../support/scripted-provider.ts';

let h: Harness;
let upstream: ScriptedProvider;
let ids: { imageId: string; maskId: string };

async function setup(limits = { concurrency: 4 }) {
  upstream = new ScriptedProvider('local', { limits });
  h = await startHarness({ providers: upstream.asProviders() });
  ids = {
    imageId: (await uploadImage(h.app, await texturedPng(20, 20))).body.id,
    maskId: (await uploadImage(h.app, await rectMaskPng(20, 20, { x: 2, y: 2, w: 4, h: 4 }))).body.id,
  };
}
beforeEach(() => setup());
afterEach(() => h.cleanup());

async function createJob(): Promise<Job> {
  const { res, body } = await postFill(h.app, { provider: 'local', ...ids });
  expect(res.status).toBe(202);
  return body as unknown as Job;
}

const list = async (query = '') => {
  const res = await h.app.request(`/api/jobs${query}`);
  return { res, body: res.status === 200 ? JobList.parse(await res.json()) : null };
};

describe('GET /api/jobs/:id', () => {
  it('returns the job, 404 for an unknown one, 400 for a malformed id', async () => {
    const job = await createJob();
    expect((await getJob(h.app, job.id)).id).toBe(job.id);
    const missing = await h.app.request('/api/jobs/00000000-0000-0000-0000-000000000000');
    expect(missing.status).toBe(404);
    expect(ErrorBody.parse(await missing.json()).error.code).toBe('not_found');
    const bad = await h.app.request('/api/jobs/..%2F..%2Fetc');
    expect(bad.status).toBe(400);
    expect(ErrorBody.parse(await bad.json()).error.message).toMatch(/^id: must be a job id/);
  });
});

describe('GET /api/jobs (history)', () => {
  it('pages newest first with an opaque cursor, no job twice or missed', async () => {
    const created: Job[] = [];
    for (let i = 0; i < 5; i++) created.push(await createJob());
    const expected = [...created]
      .sort((a, b) =>
        a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
      )
      .map((j) => j.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const { body } = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      sizes.push(body!.jobs.length);
      seen.push(...body!.jobs.map((j) => j.id));
      cursor = body!.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen).toEqual(expected);
  });

  it('defaults to 50 and says there is no next page when everything fits', async () => {
    await createJob();
    const { body } = await list();
    expect(body!.jobs).toHaveLength(1);
    expect(body!.nextCursor).toBeNull();
  });

  it.each([
    ['?limit=0', /^limit: /],
    ['?limit=201', /^limit: /],
    ['?limit=abc', /^limit: /],
    ['?cursor=not-a-cursor', /^cursor: not a cursor this server issued/],
  ])('400 for %s', async (query, message) => {
    const { res } = await list(query);
    expect(res.status).toBe(400);
    expect(ErrorBody.parse(await res.json()).error.message).toMatch(message);
  });
});

describe('POST /api/jobs/:id/cancel', () => {
  it('cancels a running job at once and asks the upstream to stop; 409 the second time', async () => {
    const job = await createJob();
    await waitForJob(h.app, job.id, ['running']);
    const res = await h.app.request(`/api/jobs/${job.id}/cancel`, { method: 'POST' });
    expect(res.status).toBe(202);
    const cancelled = (await res.json()) as Job;
    expect(cancelled).toMatchObject({ id: job.id, status: 'cancelled' });
    expect(cancelled.finishedAt).toBeDefined();
    await until(() => upstream.cancels.length === 1);
    expect(upstream.cancels[0]!.id).toBe(job.id);
    // A late upstream success cannot overwrite the cancel.
    upstream.set(job.id, { state: 'succeeded', outputs: [] });
    await new Promise((r) => setTimeout(r, 60));
    expect((await getJob(h.app, job.id)).status).toBe('cancelled');

    const again = await h.app.request(`/api/jobs/${job.id}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(ErrorBody.parse(await again.json()).error).toMatchObject({ code: 'conflict' });
  });

  it('404 for an unknown job', async () => {
    expect((await h.app.request('/api/jobs/nope/cancel', { method: 'POST' })).status).toBe(404);
  });
});

describe('queueing', () => {
  it('holds jobs beyond the concurrency limit with queue positions, updated on cancel and finish', async () => {
    await h.cleanup();
    await setup({ concurrency: 1 });
    const a = await createJob();
    const b = await createJob();
    const c = await createJob();
    await waitForJob(h.app, a.id, ['running']);
    await until(async () => (await getJob(h.app, c.id)).queuePosition === 1);
    expect(await getJob(h.app, b.id)).toMatchObject({ status: 'queued', queuePosition: 0 });

    await h.app.request(`/api/jobs/${b.id}/cancel`, { method: 'POST' });
    expect(upstream.cancels).toEqual([]); // never submitted: nothing to cancel upstream
    await until(async () => (await getJob(h.app, c.id)).queuePosition === 0);

    upstream.set(a.id, { state: 'succeeded', outputs: [] });
    const running = await waitForJob(h.app, c.id, ['running']);
    expect(running.queuePosition).toBeUndefined();
    expect(upstream.submits.map((s) => s.jobId)).toEqual([a.id, c.id]);
  });
});

describe('DELETE /api/jobs/:id', () => {
  it('cancels a live job, removes it from history, 404 afterwards', async () => {
    const job = await createJob();
    await waitForJob(h.app, job.id, ['running']);
    const res = await h.app.request(`/api/jobs/${job.id}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    await until(() => upstream.cancels.length === 1);
    expect((await h.app.request(`/api/jobs/${job.id}`)).status).toBe(404);
    expect((await list()).body!.jobs).toEqual([]);
    expect((await h.app.request(`/api/jobs/${job.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('keeps the output images (content-addressed, maybe shared)', async () => {
    const job = await createJob();
    const out = { imageId: ids.imageId, url: `/api/images/${ids.imageId}`, seed: 1, width: 20, height: 20 };
    upstream.set(job.id, { state: 'succeeded', outputs: [out] });
    await waitForJob(h.app, job.id);
    expect((await h.app.request(`/api/jobs/${job.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await h.app.request(out.url)).status).toBe(200);
  });
});

describe('GET /api/providers and /api/health', () => {
  it('health answers ok with the version', async () => {
    const res = await h.app.request('/api/health');
    expect(await res.json()).toEqual({ status: 'ok', version: '0.1.0' });
  });
});
