import { afterEach, describe, expect, it } from 'vitest';
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

// JOB_DEADLINE_MINUTES=0.005 → 300 ms.
const DEADLINE_ENV = { JOB_DEADLINE_MINUTES: '0.005' };
let harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.reverse()) await h.cleanup();
  harnesses = [];
});

async function start(
  upstream: ScriptedProvider,
  dataDir?: string,
  env: Record<string, string> = DEADLINE_ENV,
) {
  const h = await startHarness({
    env,
    providers: upstream.asProviders(),
    ...(dataDir ? { dataDir } : {}),
  });
  harnesses.push(h);
  return h;
}

async function submit(h: Harness) {
  const imageId = (await uploadImage(h.app, await texturedPng(32, 24))).body.id;
  const maskId = (await uploadImage(h.app, await rectMaskPng(32, 24, { x: 4, y: 4, w: 8, h: 8 }))).body.id;
  const { res, body } = await postFill(h.app, { provider: 'local', imageId, maskId });
  expect(res.status).toBe(202);
  return body.id as string;
}

describe('per-job deadline', () => {
  it('fails a job whose upstream never finishes, with a clear error, and cancels it upstream', async () => {
    const upstream = new ScriptedProvider();
    const h = await start(upstream);
    const id = await submit(h);
    const job = await waitForJob(h.app, id, ['succeeded', 'failed', 'cancelled'], 5000);
    expect(job.status).toBe('failed');
    expect(job.error).toEqual({
      code: 'timeout',
      message: 'The job was still running after 300 ms, so the server stopped it. Please try again.',
      retryable: true,
    });
    await until(() => upstream.cancels.length === 1);
    // The poll loop stopped with it.
    const polls = upstream.polls;
    await new Promise((r) => setTimeout(r, 150));
    expect(upstream.polls).toBe(polls);
  });

  it('does not touch a job that finishes in time', async () => {
    const upstream = new ScriptedProvider();
    const h = await start(upstream);
    const id = await submit(h);
    await until(async () => (await getJob(h.app, id)).status === 'running');
    upstream.set(id, {
      state: 'failed',
      error: { code: 'upstream_error', message: 'boom', retryable: false },
    });
    const job = await waitForJob(h.app, id);
    expect(job.error?.code).toBe('upstream_error');
    await new Promise((r) => setTimeout(r, 400));
    expect((await getJob(h.app, id)).error?.code).toBe('upstream_error');
  });

  it('counts from the first start, so a restart does not give a stuck job more time', async () => {
    // 1.2 s deadline: the job outlives it while the server is down, so the restarted server must fail it
    // at once rather than grant a fresh 1.2 s (the margin keeps this robust on a loaded machine).
    const env = { JOB_DEADLINE_MINUTES: '0.02' };
    const upstream = new ScriptedProvider('local', { resubmitWhenLost: true });
    const first = await start(upstream, undefined, env);
    const id = await submit(first);
    await until(async () => (await getJob(first.app, id)).status === 'running');
    const firstStart = Date.parse((await getJob(first.app, id)).startedAt!);
    await first.close();
    await new Promise((r) => setTimeout(r, Math.max(0, firstStart + 1300 - Date.now())));
    const restartedAt = Date.now();
    const second = await start(upstream, first.dataDir, env);
    const job = await waitForJob(second.app, id, ['failed', 'succeeded', 'cancelled'], 5000);
    expect(job.error?.code).toBe('timeout');
    expect(Date.now() - restartedAt).toBeLessThan(1000);
  });
});
