import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/contract/index.ts';
import { ProviderError } from '../../src/providers/interface.ts';
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
let clock = 0;

async function setup(provider: ScriptedProvider, fakeClock = false) {
  upstream = provider;
  clock = Date.now();
  h = await startHarness({
    providers: upstream.asProviders(),
    runner: {
      poll: { initialMs: 20, maxMs: 100 },
      retry: { baseMs: 5, maxMs: 20 },
      ...(fakeClock ? { now: () => clock } : {}),
    },
  });
  ids = {
    imageId: (await uploadImage(h.app, await texturedPng(20, 20))).body.id,
    maskId: (await uploadImage(h.app, await rectMaskPng(20, 20, { x: 2, y: 2, w: 4, h: 4 }))).body.id,
  };
}
afterEach(() => h.cleanup());

async function createJob(extra: Record<string, unknown> = {}): Promise<Job> {
  const { res, body } = await postFill(h.app, { provider: 'local', ...ids, ...extra });
  expect(res.status).toBe(202);
  return body as unknown as Job;
}

const output = () => ({
  imageId: ids.imageId,
  url: `/api/images/${ids.imageId}`,
  seed: 1,
  width: 20,
  height: 20,
});

describe('submit', () => {
  it('hands the provider the stored image, the normalised mask and the resolved seeds', async () => {
    await setup(new ScriptedProvider());
    const job = await createJob({ numVariations: 2, options: {} });
    await until(() => upstream.submits.length === 1);
    const input = upstream.submits[0]!;
    expect(input.image.id).toBe(ids.imageId);
    expect(input.mask.id).not.toBe(ids.maskId); // the normalised copy
    expect([input.mask.width, input.mask.height]).toEqual([20, 20]);
    expect(input.seeds).toEqual(job.request.seeds);
    expect(input.seeds).toHaveLength(2);
    expect(input.size).toBeNull();
  });

  it('retries a retryable failure with backoff, then succeeds', async () => {
    await setup(new ScriptedProvider());
    upstream.submitErrors.push(
      new ProviderError('upstream_error', 'Upstream said 503', true),
      new ProviderError('rate_limited', 'Too many requests', true, 30),
    );
    const job = await createJob();
    upstream.set(job.id, { state: 'succeeded', outputs: [output()] });
    const done = await waitForJob(h.app, job.id);
    expect(done.status).toBe('succeeded');
    expect(upstream.submits).toHaveLength(1);
    expect(h.logs.filter((l) => l.includes('submit failed'))).toHaveLength(2);
  });

  it('gives up after the bounded retries with a clear, retryable error', async () => {
    await setup(new ScriptedProvider());
    for (let i = 0; i < 6; i++)
      upstream.submitErrors.push(new ProviderError('upstream_error', 'Upstream said 502', true));
    const job = await createJob();
    const done = await waitForJob(h.app, job.id);
    expect(done.error).toEqual({
      code: 'upstream_error',
      message: 'Upstream said 502 (gave up after 6 attempts; try again later)',
      retryable: true,
    });
    expect(upstream.submits).toHaveLength(0);
  });

  it('fails at once on a non-retryable error with its code and message', async () => {
    await setup(new ScriptedProvider());
    upstream.submitErrors.push(
      new ProviderError('prompt_unsafe', 'The prompt was refused by the safety filter.', false),
    );
    const job = await createJob();
    expect((await waitForJob(h.app, job.id)).error).toEqual({
      code: 'prompt_unsafe',
      message: 'The prompt was refused by the safety filter.',
      retryable: false,
    });
  });
});

describe('poll', () => {
  it('honours Retry-After on a retryable poll error and nextPollMs hints', async () => {
    await setup(new ScriptedProvider());
    const times: number[] = [];
    const poll = upstream.poll.bind(upstream);
    upstream.poll = async (ref) => {
      times.push(Date.now());
      return poll(ref);
    };
    const job = await createJob();
    await until(() => times.length >= 1);
    upstream.pollErrors.push(new ProviderError('rate_limited', 'Slow down', true, 200));
    upstream.set(job.id, { state: 'running', nextPollMs: 10 });
    await until(() => times.length >= 4, 3000);
    const gaps = times.slice(1, 4).map((t, i) => t - times[i]!);
    expect(gaps.some((g) => g >= 190)).toBe(true);
    upstream.set(job.id, { state: 'succeeded', outputs: [output()] });
    expect((await waitForJob(h.app, job.id)).status).toBe('succeeded');
  });

  it('maps upstream failure and upstream cancel to terminal states, notes appended', async () => {
    await setup(new ScriptedProvider());
    const a = await createJob();
    const b = await createJob();
    upstream.set(a.id, {
      state: 'failed',
      error: { code: 'upstream_error', message: 'The model crashed.', retryable: true },
      notes: ['log line'],
    });
    upstream.set(b.id, { state: 'cancelled' });
    expect(await waitForJob(h.app, a.id)).toMatchObject({
      status: 'failed',
      error: { code: 'upstream_error', message: 'The model crashed.', retryable: true },
      notes: ['log line'],
    });
    expect((await waitForJob(h.app, b.id)).status).toBe('cancelled');
  });

  it('records progress and upstream queue position as transitions', async () => {
    await setup(new ScriptedProvider());
    const job = await createJob();
    upstream.set(job.id, { state: 'queued', queuePosition: 3, nextPollMs: 10 });
    await until(async () => (await getJob(h.app, job.id)).queuePosition === 3);
    upstream.set(job.id, { state: 'running', progress: 0.42, nextPollMs: 10 });
    await until(async () => (await getJob(h.app, job.id)).progress === 0.42);
    expect((await getJob(h.app, job.id)).queuePosition).toBeUndefined();
  });

  it('re-submits a lost job when the provider allows, once', async () => {
    await setup(new ScriptedProvider('local', { resubmitWhenLost: true }));
    const job = await createJob();
    await until(() => upstream.submits.length === 1);
    upstream.forget(job.id);
    await until(() => upstream.submits.length === 2);
    upstream.set(job.id, { state: 'succeeded', outputs: [output()] });
    expect((await waitForJob(h.app, job.id)).status).toBe('succeeded');
  });

  it('fails a lost job honestly when the provider cannot re-submit', async () => {
    await setup(new ScriptedProvider('local', { resubmitWhenLost: false }));
    const job = await createJob();
    await until(() => upstream.submits.length === 1);
    upstream.forget(job.id);
    const done = await waitForJob(h.app, job.id);
    expect(done.error?.code).toBe('upstream_error');
    expect(done.error?.message).toMatch(/could not be found again/);
  });
});

describe('a provider that breaks the contract', () => {
  it('fails the job with internal_error instead of leaving it running', async () => {
    await setup(new ScriptedProvider());
    const job = await createJob();
    const bad = { imageId: 'not-an-id', url: '', seed: 1, width: 0, height: 0 };
    upstream.set(job.id, { state: 'succeeded', outputs: [bad] });
    expect((await waitForJob(h.app, job.id)).error).toEqual({
      code: 'internal_error',
      message: 'The server hit an unexpected error running this job.',
      retryable: false,
    });
    expect(h.logs.some((l) => l.includes('runner error'))).toBe(true);
  });

  it('turns a non-ProviderError thrown by submit into a terminal internal_error', async () => {
    await setup(new ScriptedProvider());
    upstream.submitErrors.push(new TypeError('fetch failed') as never);
    const job = await createJob();
    expect((await waitForJob(h.app, job.id)).error?.code).toBe('internal_error');
  });
});

describe('admission', () => {
  it('keeps jobs queued until a requests-per-minute token is free', async () => {
    await setup(new ScriptedProvider('local', { limits: { concurrency: 4, requestsPerMinute: 2 } }), true);
    const a = await createJob();
    const b = await createJob();
    const c = await createJob();
    await until(() => upstream.submits.length === 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(upstream.submits.map((s) => s.jobId)).toEqual([a.id, b.id]);
    expect(await getJob(h.app, c.id)).toMatchObject({ status: 'queued', queuePosition: 0 });
    clock += 61_000; // the window moves on; the next pump admits c
    upstream.set(a.id, { state: 'succeeded', outputs: [] });
    await waitForJob(h.app, c.id, ['running']);
    expect(upstream.submits.map((s) => s.jobId)).toEqual([a.id, b.id, c.id]);
  });
});
