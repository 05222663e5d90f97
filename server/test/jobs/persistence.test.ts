import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { JobList, type Job } from '../../src/contract/index.ts';
import {
  getJob,
  postFill,
  harnessesPerTest,
  storedJob,
  until,
  uploadImage,
  waitForJob,
  withJobStore,
  type Harness,
} from '../support/harness.ts';
import { rectMaskPng, texturedPng } from '../support/images.ts';
import { ScriptedProvider } from '../support/scripted-provider.ts';

const start = harnessesPerTest();

async function inputs(h: Harness, size = 24) {
  return {
    imageId: (await uploadImage(h.app, await texturedPng(size, size))).body.id,
    maskId: (await uploadImage(h.app, await rectMaskPng(size, size, { x: 4, y: 4, w: 8, h: 8 }))).body.id,
  };
}

async function createJob(h: Harness, ids: { imageId: string; maskId: string }): Promise<Job> {
  const { res, body } = await postFill(h.app, { provider: 'local', ...ids });
  expect(res.status).toBe(202);
  return body as unknown as Job;
}

describe('job persistence across a restart', () => {
  it('a finished job is still listed, unchanged, and its output still served', async () => {
    const first = await start();
    const job = await waitForJob(first.app, (await createJob(first, await inputs(first))).id);
    expect(job.status).toBe('succeeded');
    await first.close();

    const second = await start({ dataDir: first.dataDir });
    const list = JobList.parse(await (await second.app.request('/api/jobs')).json());
    expect(list.jobs).toEqual([job]);
    const image = await second.app.request(job.outputs[0]!.url);
    expect(image.status).toBe(200);
  });

  it('a job left running is resumed: the local engine re-runs it to success', async () => {
    // First process: the upstream never finishes, then the process stops mid-job.
    const stuck = new ScriptedProvider('local');
    const first = await start({ providers: stuck.asProviders() });
    const ids = await inputs(first);
    const job = await createJob(first, ids);
    const running = await waitForJob(first.app, job.id, ['running']);
    await first.close();
    expect((await storedJob(first.dataDir, job.id))?.job.status).toBe('running');

    // Second process, real local provider: the old handle is unknown to it ('lost'), so it re-runs.
    const second = await start({ dataDir: first.dataDir });
    const done = await waitForJob(second.app, job.id);
    expect(done.status).toBe('succeeded');
    expect(done.outputs).toHaveLength(1);
    expect(done.outputs[0]!.seed).toBe(job.request.seeds![0]);
    expect(done.revision).toBeGreaterThan(running.revision);
    expect(done.startedAt).toBe(running.startedAt);
  });

  it('queued jobs are resumed in order', async () => {
    const stuck = new ScriptedProvider('local', { limits: { concurrency: 1 } });
    const first = await start({ providers: stuck.asProviders() });
    const ids = await inputs(first);
    const a = await createJob(first, ids);
    const b = await createJob(first, ids);
    await waitForJob(first.app, a.id, ['running']);
    expect((await getJob(first.app, b.id)).status).toBe('queued');
    await first.close();

    const second = await start({ dataDir: first.dataDir });
    expect((await waitForJob(second.app, a.id)).status).toBe('succeeded');
    expect((await waitForJob(second.app, b.id)).status).toBe('succeeded');
  });

  it('a remote job with a saved handle is polled again, not re-submitted', async () => {
    const before = new ScriptedProvider('local', { resubmitWhenLost: false });
    const first = await start({ providers: before.asProviders() });
    const ids = await inputs(first);
    const job = await createJob(first, ids);
    await until(() => before.submits.length === 1);
    await first.close();
    expect((await storedJob(first.dataDir, job.id))?.upstreamRef).toEqual({
      id: job.id,
      data: { attempt: 1 },
    });

    const after = new ScriptedProvider('local', { resubmitWhenLost: false });
    const out = { imageId: ids.imageId, url: `/api/images/${ids.imageId}`, seed: 1, width: 24, height: 24 };
    after.set(job.id, { state: 'succeeded', outputs: [out] });
    const second = await start({ dataDir: first.dataDir, providers: after.asProviders() });
    const done = await waitForJob(second.app, job.id);
    expect(done.status).toBe('succeeded');
    expect(done.outputs).toEqual([expect.objectContaining(out)]);
    expect(after.submits).toHaveLength(0);
    expect(after.polls).toBeGreaterThan(0);
  });

  it('a remote job whose handle was never saved fails honestly', async () => {
    const before = new ScriptedProvider('local', { resubmitWhenLost: false });
    const first = await start({ providers: before.asProviders() });
    const job = await createJob(first, await inputs(first));
    await waitForJob(first.app, job.id, ['running']);
    await first.close();
    await withJobStore(first.dataDir, (store) => store.setUpstreamRef(job.id, null));

    const after = new ScriptedProvider('local', { resubmitWhenLost: false });
    const second = await start({ dataDir: first.dataDir, providers: after.asProviders() });
    const done = await waitForJob(second.app, job.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ code: 'upstream_error', retryable: true });
    expect(done.error!.message).toMatch(/restarted.*submit it again/);
    expect(after.submits).toHaveLength(0);
  });

  it('a graceful stop lets a running local job finish', async () => {
    const first = await start();
    const photo = new Uint8Array(await readFile(new URL('../fixtures/astronaut_512.png', import.meta.url)));
    const imageId = (await uploadImage(first.app, photo)).body.id;
    const maskId = (
      await uploadImage(first.app, await rectMaskPng(512, 512, { x: 200, y: 200, w: 40, h: 40 }))
    ).body.id;
    const job = await createJob(first, { imageId, maskId });
    await waitForJob(first.app, job.id, ['running']);
    await first.close(20_000);
    expect((await storedJob(first.dataDir, job.id))?.job.status).toBe('succeeded');
  });
});
