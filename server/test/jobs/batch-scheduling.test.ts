import { afterEach, expect, it } from 'vitest';
import { Batch } from '../../src/contract/index.ts';
import { getJob, startHarness, until, uploadImage, waitForJob, type Harness } from '../support/harness.ts';
import { rectMaskPng, texturedPng } from '../support/images.ts';
import { ScriptedProvider } from '../support/scripted-provider.ts';

let h: Harness;
afterEach(() => h.cleanup());

it('a batch on a 4-requests-per-minute provider submits 4 cells, then the rest only after the minute', async () => {
  let clock = Date.now();
  const upstream = new ScriptedProvider('firefly', { limits: { concurrency: 4, requestsPerMinute: 4 } });
  h = await startHarness({
    providers: upstream.asProviders(),
    runner: { poll: { initialMs: 20, maxMs: 100 }, retry: { baseMs: 5, maxMs: 20 }, now: () => clock },
  });
  const imageId = (await uploadImage(h.app, await texturedPng(20, 20))).body.id;
  const maskId = (await uploadImage(h.app, await rectMaskPng(20, 20, { x: 2, y: 2, w: 4, h: 4 }))).body.id;
  const res = await h.app.request('/api/batches', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      imageId,
      maskId,
      prompts: ['a', 'b', 'c'],
      seeds: [1, 2],
      providers: ['firefly'],
    }),
  });
  expect(res.status).toBe(201);
  const batch = Batch.parse(await res.json());
  const jobIds = batch.cells.map((c) => c.jobId);

  await until(() => upstream.submits.length === 4);
  await new Promise((r) => setTimeout(r, 100));
  // Within the minute: exactly the first four cells went upstream, in grid order; two wait in the queue.
  expect(upstream.submits.map((s) => s.jobId)).toEqual(jobIds.slice(0, 4));
  expect(upstream.submits.map((s) => s.request.prompt)).toEqual(['a', 'a', 'b', 'b']);
  expect(await getJob(h.app, jobIds[4]!)).toMatchObject({ status: 'queued', queuePosition: 0 });
  expect(await getJob(h.app, jobIds[5]!)).toMatchObject({ status: 'queued', queuePosition: 1 });

  clock += 61_000;
  for (const id of jobIds.slice(0, 4)) upstream.set(id, { state: 'succeeded', outputs: [] });
  await waitForJob(h.app, jobIds[5]!, ['running']);
  expect(upstream.submits.map((s) => s.jobId)).toEqual(jobIds);
});
