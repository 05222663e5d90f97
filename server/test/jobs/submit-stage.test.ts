import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/contract/index.ts';
import type { SubmitInput, UpstreamRef } from '../../src/providers/interface.ts';
import type { SubmitStage } from '../../src/storage/jobs.ts';
import {
  harnessesPerTest,
  postFill,
  until,
  uploadImage,
  storedJob,
  waitForJob,
  withJobStore,
  type Harness,
} from '../support/harness.ts';
import { rectMaskPng, texturedPng } from '../support/images.ts';
import { ScriptedProvider } from '../support/scripted-provider.ts';

// The submit stage a remote job's row records until its upstream handle is saved, and what a restart
// does with it: 'preparing' (uploads) → submit again; 'creating' (create request may have been sent) → fail.

/** A remote-like provider that announces its create request, as Firefly and fal do. */
class AnnouncingProvider extends ScriptedProvider {
  /** The stored stage of each submitted job: on entry to submit, and after beforeCreate. */
  readonly seen: (SubmitStage | null | undefined)[] = [];

  constructor(private readonly dataDir: () => string) {
    super('fal', { resubmitWhenLost: false });
  }

  override async submit(input: SubmitInput): Promise<UpstreamRef> {
    this.seen.push((await storedJob(this.dataDir(), input.jobId))?.submitStage);
    await input.beforeCreate?.();
    this.seen.push((await storedJob(this.dataDir(), input.jobId))?.submitStage);
    return super.submit(input);
  }
}

const start = harnessesPerTest();

/** Rewrites a stopped server's row as a SIGKILL at that stage would have left it. */
async function killedAt(dataDir: string, id: string, stage: SubmitStage | null) {
  await withJobStore(dataDir, async (store) => {
    await store.setUpstreamRef(id, null);
    await store.setSubmitStage(id, stage);
  });
}

async function runningJob(h: Harness): Promise<Job> {
  const imageId = (await uploadImage(h.app, await texturedPng(24, 24))).body.id;
  const maskId = (await uploadImage(h.app, await rectMaskPng(24, 24, { x: 4, y: 4, w: 8, h: 8 }))).body.id;
  const { res, body } = await postFill(h.app, { provider: 'fal', imageId, maskId, prompt: 'moss' });
  expect(res.status).toBe(202);
  return waitForJob(h.app, (body as unknown as Job).id, ['running']);
}

describe('submit stage of a remote job', () => {
  it('is preparing during the uploads, creating once announced, and cleared when the handle is saved', async () => {
    let dataDir = '';
    const provider = new AnnouncingProvider(() => dataDir);
    const h = await start({ providers: provider.asProviders() });
    dataDir = h.dataDir;
    const job = await runningJob(h);
    await until(() => provider.polls > 0);
    expect(provider.seen).toEqual(['preparing', 'creating']);
    const stored = await storedJob(h.dataDir, job.id);
    expect(stored?.upstreamRef).not.toBeNull();
    expect(stored?.submitStage).toBeNull();
  });

  it('killed during the uploads: submitted again once after the restart, with a note, and succeeds', async () => {
    const first = await start({ providers: new ScriptedProvider('fal').asProviders() });
    const job = await runningJob(first);
    await first.close();
    await killedAt(first.dataDir, job.id, 'preparing');

    const after = new ScriptedProvider('fal');
    const second = await start({ dataDir: first.dataDir, providers: after.asProviders() });
    await until(() => after.submits.length === 1);
    after.set(job.id, {
      state: 'succeeded',
      outputs: [
        {
          imageId: job.request.imageId,
          url: `/api/images/${job.request.imageId}`,
          seed: 1,
          width: 24,
          height: 24,
        },
      ],
    });
    const done = await waitForJob(second.app, job.id);
    expect(done.status).toBe('succeeded');
    expect(done.startedAt).toBe(job.startedAt);
    expect(done.notes).toContain(
      'Re-submitted after a server restart (the earlier attempt never reached fal).',
    );
    expect(after.submits).toHaveLength(1);
    expect(second.logs.join('\n')).toMatch(/re-submitting after a restart/);
  });

  it('killed after the create was announced (or with no stage, as older rows): fails, never submitted again', async () => {
    for (const stage of ['creating', null] as const) {
      const first = await start({ providers: new ScriptedProvider('fal').asProviders() });
      const job = await runningJob(first);
      await first.close();
      await killedAt(first.dataDir, job.id, stage);

      const after = new ScriptedProvider('fal');
      const second = await start({ dataDir: first.dataDir, providers: after.asProviders() });
      const done = await waitForJob(second.app, job.id);
      expect(done.status).toBe('failed');
      expect(done.error).toMatchObject({ code: 'upstream_error', retryable: true });
      expect(done.error?.message).toBe(
        'The server restarted and the fal job could not be found again; please submit it again.',
      );
      expect(after.submits).toHaveLength(0);
    }
  });
});
