import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/contract/index.ts';
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
import { jobFrame, SseReader } from '../support/sse.ts';

let h: Harness;
let upstream: ScriptedProvider;
let ids: { imageId: string; maskId: string };

beforeEach(async () => {
  upstream = new ScriptedProvider('local');
  h = await startHarness({ providers: upstream.asProviders(), sseHeartbeatMs: 60_000 });
  ids = {
    imageId: (await uploadImage(h.app, await texturedPng(20, 20))).body.id,
    maskId: (await uploadImage(h.app, await rectMaskPng(20, 20, { x: 2, y: 2, w: 4, h: 4 }))).body.id,
  };
});
afterEach(() => h.cleanup());

async function runningJob(): Promise<Job> {
  const { body } = await postFill(h.app, { provider: 'local', ...ids, seeds: [5] });
  return waitForJob(h.app, (body as { id: string }).id, ['running']);
}

const output = () => ({
  imageId: ids.imageId,
  url: `/api/images/${ids.imageId}`,
  seed: 5,
  width: 20,
  height: 20,
});

describe('GET /api/jobs/:id/events', () => {
  it('sends the current state at once, then every transition, then ends after the terminal one', async () => {
    const job = await runningJob();
    const res = await h.app.request(`/api/jobs/${job.id}/events`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const sse = new SseReader(res);
    expect(await sse.next(500)).toBe(jobFrame(job));

    upstream.set(job.id, { state: 'running', progress: 0.5, nextPollMs: 10 });
    const progressed = await sse.next();
    const p = JSON.parse(progressed!.split('\n')[1]!.slice(6)) as Job;
    expect(p).toMatchObject({ status: 'running', progress: 0.5, revision: job.revision + 1 });
    expect(progressed).toBe(jobFrame(p));

    upstream.set(job.id, { state: 'succeeded', outputs: [output()] });
    const done = await sse.next();
    const final = await getJob(h.app, job.id);
    expect(done).toBe(jobFrame(final));
    expect(final).toMatchObject({ status: 'succeeded', revision: job.revision + 2, progress: 1 });
    expect(await sse.next()).toBeNull();
    expect(h.services.registry.subscriberCount(job.id)).toBe(0);
  });

  it('for a finished job: one frame, then the stream ends', async () => {
    const job = await runningJob();
    upstream.set(job.id, {
      state: 'failed',
      error: { code: 'upstream_error', message: 'boom', retryable: false },
    });
    const failed = await waitForJob(h.app, job.id);
    const sse = new SseReader(await h.app.request(`/api/jobs/${job.id}/events`));
    expect(await sse.next()).toBe(jobFrame(failed));
    expect(await sse.next()).toBeNull();
  });

  it('with Last-Event-ID at the current revision, waits for the next transition', async () => {
    const job = await runningJob();
    const res = await h.app.request(`/api/jobs/${job.id}/events`, {
      headers: { 'last-event-id': String(job.revision) },
    });
    const sse = new SseReader(res);
    expect(await sse.quietFor(150)).toBe(true);
    upstream.set(job.id, { state: 'cancelled' });
    const frame = await sse.next();
    expect(frame).toBe(jobFrame(await getJob(h.app, job.id)));
    expect(frame).toContain(`id: ${job.revision + 1}`);
    expect(await sse.next()).toBeNull();
  });

  it('with Last-Event-ID behind, resends the current state; at the end of a finished job, 204', async () => {
    const job = await runningJob();
    const behind = new SseReader(
      await h.app.request(`/api/jobs/${job.id}/events`, { headers: { 'last-event-id': '0' } }),
    );
    expect(await behind.next()).toBe(jobFrame(job));
    await behind.cancel();
    upstream.set(job.id, { state: 'cancelled' });
    const done = await waitForJob(h.app, job.id);
    const ahead = await h.app.request(`/api/jobs/${job.id}/events`, {
      headers: { 'last-event-id': String(done.revision) },
    });
    // 204 is what makes EventSource stop reconnecting.
    expect(ahead.status).toBe(204);
  });

  it('sends heartbeat comments while nothing happens', async () => {
    await h.close();
    upstream = new ScriptedProvider('local');
    h = await startHarness({ providers: upstream.asProviders(), sseHeartbeatMs: 40, dataDir: h.dataDir });
    const job = await runningJob();
    const sse = new SseReader(await h.app.request(`/api/jobs/${job.id}/events`));
    expect(await sse.next()).toBe(jobFrame(job));
    expect(await sse.next(1000)).toBe(': heartbeat');
    expect(await sse.next(1000)).toBe(': heartbeat');
    await sse.cancel();
  });

  it('unsubscribes when the client goes away', async () => {
    const job = await runningJob();
    const sse = new SseReader(await h.app.request(`/api/jobs/${job.id}/events`));
    await sse.next();
    expect(h.services.registry.subscriberCount(job.id)).toBe(1);
    await sse.cancel();
    await until(() => h.services.registry.subscriberCount(job.id) === 0);
  });

  it('watchers never cause upstream polls: three streams, one poll loop', async () => {
    const job = await runningJob();
    upstream.set(job.id, { state: 'running', progress: 0.1, nextPollMs: 60_000 });
    const sse = new SseReader(await h.app.request(`/api/jobs/${job.id}/events`));
    await until(async () => (await getJob(h.app, job.id)).progress === 0.1);
    const polls = upstream.polls;
    const readers = await Promise.all(
      [1, 2, 3].map(async () => new SseReader(await h.app.request(`/api/jobs/${job.id}/events`))),
    );
    for (const r of readers) expect(await r.next()).toContain('"progress":0.1');
    await new Promise((r) => setTimeout(r, 100));
    expect(upstream.polls).toBe(polls);
    await Promise.all([sse, ...readers].map((r) => r.cancel()));
  });

  it('404 for an unknown job and 400 for a malformed id', async () => {
    expect((await h.app.request('/api/jobs/no-such-job/events')).status).toBe(404);
    expect((await h.app.request('/api/jobs/bad%20id!/events')).status).toBe(400);
  });
});
