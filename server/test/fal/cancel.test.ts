import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, last, pollToEnd, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const signal = () => new AbortController().signal;
const cancels = () => h.emu.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/cancel'));

describe('fal provider: cancel', () => {
  it('before start: fal drops the request and the job ends cancelled', async () => {
    h.emu.script({ queuePolls: 5, progressPolls: 1 });
    const ref = await h.provider.submit(h.input());
    expect((await h.provider.poll(ref, signal())).state).toBe('queued');
    expect(await h.provider.cancel(ref)).toEqual({
      accepted: true,
      message: 'fal removed the request from its queue.',
    });
    expect(cancels().map((r) => r.path)).toEqual([`/fal-ai/flux-pro/requests/${ref.id}/cancel`]);
    expect(last(await pollToEnd(h.provider, ref))).toMatchObject({ state: 'cancelled' });
  });

  it('after start: the cancel is passed on, but honestly reported as best effort', async () => {
    h.emu.script({ queuePolls: 0, progressPolls: 2 });
    const ref = await h.provider.submit(h.input());
    expect((await h.provider.poll(ref, signal())).state).toBe('running');
    const result = await h.provider.cancel(ref);
    expect(result.accepted).toBe(true);
    expect(result.message).toMatch(/only cancels requests that have not started/);
    // fal kept going: the request still completes.
    expect(last(await pollToEnd(h.provider, ref)).state).toBe('succeeded');
  });

  it('ALREADY_COMPLETED is reported, not thrown (4xx or 2xx answer)', async () => {
    for (const status of [400, 200]) {
      h.emu.script({ queuePolls: 0, progressPolls: 0, alreadyCompletedStatus: status });
      const ref = await h.provider.submit(h.input());
      await pollToEnd(h.provider, ref);
      expect(await h.provider.cancel(ref)).toEqual({
        accepted: false,
        message: 'fal had already finished this request, so it could not be cancelled.',
      });
    }
  });

  it('NOT_FOUND is reported, not thrown', async () => {
    expect(await h.provider.cancel({ id: 'gone' })).toEqual({
      accepted: false,
      message: 'fal has no record of this request any more; nothing to cancel.',
    });
  });

  it('a 503 on cancel is a retryable error', async () => {
    h.emu.script({ queuePolls: 5, progressPolls: 0 });
    const ref = await h.provider.submit(h.input());
    h.emu.fault({ route: 'cancel', status: 503 });
    await expect(h.provider.cancel(ref)).rejects.toMatchObject({ code: 'upstream_error', retryable: true });
  });
});
