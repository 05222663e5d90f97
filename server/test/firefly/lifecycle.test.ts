import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { UpstreamRef } from '../../src/providers/interface.ts';
import { createHarness, runJob, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h.close());
const signal = () => new AbortController().signal;

describe('Firefly job lifecycle', () => {
  it('cancels a running job upstream; the job ends cancelled', async () => {
    h = await createHarness({ emulator: { pendingPolls: 1, runningPolls: 5 } });
    const ref = await h.provider.submit(h.input());
    expect((await h.provider.poll(ref, signal())).state).toBe('running');
    expect(await h.provider.cancel(ref)).toEqual({ accepted: true });
    const cancel = h.emu.requests.find((r) => r.route === 'cancel')!;
    expect(cancel.method).toBe('PUT');
    expect(cancel.path).toBe(`/v3/cancel/${ref.id}`);
    // cancel_pending keeps polling; then canceled ends the job.
    expect((await h.provider.poll(ref, signal())).state).toBe('running');
    expect((await h.provider.poll(ref, signal())).state).toBe('cancelled');
    expect(h.emu.count('result')).toBe(0);
  });

  it('reports "not cancellable" (409 / 404) without throwing', async () => {
    h = await createHarness();
    const out = await runJob(h.provider, h.input());
    expect(out.state).toBe('succeeded');
    const late = await h.provider.cancel(out.ref!);
    expect(late.accepted).toBe(false);
    expect(late.message).toMatch(/already finished/);
    const unknown = await h.provider.cancel({ id: 'urn:ff:jobs:emu1:00000000-0000-4000-8000-000000000000' });
    expect(unknown.accepted).toBe(false);
    expect(unknown.message).toMatch(/no longer knows/);
  });

  it('an unsafe prompt ends the job as prompt_unsafe with a message a designer understands', async () => {
    h = await createHarness();
    h.emu.nextJob({ status: 'failed', error_code: 'prompt_unsafe', message: 'prompt_unsafe' });
    const out = await runJob(h.provider, h.input());
    expect(out.state).toBe('failed');
    if (out.state !== 'failed') return;
    expect(out.error).toEqual({
      code: 'prompt_unsafe',
      message: expect.stringMatching(
        /declined this prompt under Adobe's content rules\. Rephrase the prompt/,
      ),
      retryable: false,
    });
  });

  it('maps other terminal failures: output_media_unsafe, timeout, unknown codes with Firefly’s message', async () => {
    h = await createHarness();
    h.emu.nextJob({ status: 'failed', error_code: 'output_media_unsafe' });
    h.emu.nextJob({ status: 'timeout' });
    h.emu.nextJob({ status: 'failed', error_code: 'runtime_error', message: 'GPU\nfell over' });
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await runJob(h.provider, h.input()));
    expect(results.map((r) => (r.state === 'failed' ? r.error.code : r.state))).toEqual([
      'output_media_unsafe',
      'upstream_error',
      'upstream_error',
    ]);
    const messages = results.map((r) => (r.state === 'failed' ? r.error.message : ''));
    expect(messages[0]).toMatch(/safety filter blocked the generated result/);
    expect(messages[1]).toMatch(/timed out/);
    expect(messages[2]).toBe('Adobe Firefly could not complete the fill (runtime_error): GPU fell over');
  });

  it('results are stored at once, so their URLs expiring later loses nothing', async () => {
    h = await createHarness();
    const out = await runJob(h.provider, h.input({ seeds: [5, 6] }));
    expect(out.state).toBe('succeeded');
    if (out.state !== 'succeeded') return;
    const status = h.emu.requests.filter((r) => r.route === 'status').length;
    h.emu.expireResults();
    const job = [...h.emu.jobs.values()][0]!;
    const expired = await fetch(job.result!.outputs[0]!.image.url);
    expect(expired.status).toBe(403);
    for (const o of out.outputs) {
      const stored = h.sink.stored.get(o.imageId)!;
      expect((await readFile(stored.path)).byteLength).toBe(stored.bytes);
    }
    expect(h.emu.requests.filter((r) => r.route === 'status')).toHaveLength(status);
  });

  it('a result URL that expired before the download fails the job clearly', async () => {
    h = await createHarness({ emulator: { resultTtlMs: 0 } });
    const out = await runJob(h.provider, h.input());
    expect(out.state).toBe('failed');
    if (out.state !== 'failed') return;
    expect(out.error.code).toBe('upstream_error');
    expect(out.error.message).toMatch(/results expired on Adobe's side before they could be saved/);
  });

  it('after a restart, a fresh provider given the persisted ref polls the same upstream job', async () => {
    h = await createHarness({ emulator: { pendingPolls: 1, runningPolls: 3 } });
    const ref = await h.provider.submit(h.input({ seeds: [7, 8] }));
    expect((await h.provider.poll(ref, signal())).state).toBe('running');
    // What the job store keeps: JSON only.
    const persisted = JSON.parse(JSON.stringify(ref)) as UpstreamRef;
    const fresh = h.restart();
    const out = await runJob(fresh, h.input(), { ref: persisted });
    expect(out.state).toBe('succeeded');
    if (out.state !== 'succeeded') return;
    expect(out.outputs.map((o) => o.seed)).toEqual([7, 8]);
    expect(h.emu.count('fill')).toBe(1);
    const paths = new Set(h.emu.requests.filter((r) => r.route === 'status').map((r) => r.path));
    expect([...paths]).toEqual([`/v3/status/${ref.id}`]);
    // The fresh instance signed in by itself.
    expect(h.emu.count('ims')).toBe(2);
  });

  it('a job the upstream does not know is reported lost', async () => {
    h = await createHarness();
    const res = await h.provider.poll(
      { id: 'urn:ff:jobs:emu1:00000000-0000-4000-8000-000000000001' },
      signal(),
    );
    expect(res).toEqual({ state: 'lost' });
    expect(h.provider.resubmitWhenLost).toBe(false);
  });
});
