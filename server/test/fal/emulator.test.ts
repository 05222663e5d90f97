import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFalHttpClient } from '../../src/providers/fal/client.ts';
import { startFalEmulator, type FalEmulator } from '../emulators/fal.ts';
import { maskPng, sourcePng } from './harness.ts';

// The emulator's own contract (seed 004 / notes Part B), checked with plain fetch.
let emu: FalEmulator;
beforeEach(async () => {
  emu = await startFalEmulator();
});
afterEach(() => emu.close());

const auth = () => ({ authorization: `Key ${emu.key}`, 'content-type': 'application/json' });
const input = { prompt: 'p', image_url: 'data:image/png;base64,AA', mask_url: 'data:image/png;base64,AA' };

describe('fal emulator', () => {
  it('requires Authorization: Key id:secret with fal’s 401 bodies', async () => {
    const submit = (headers: Record<string, string>) =>
      fetch(`${emu.url}/fal-ai/flux-pro/v1/fill`, { method: 'POST', headers, body: JSON.stringify(input) });
    const malformed = await submit({ authorization: 'Bearer x' });
    expect(malformed.status).toBe(401);
    expect(await malformed.json()).toEqual({
      detail: "Invalid Key Authorization header format. Expected '<key_id>:<key_secret>'.",
    });
    const wrong = await submit({ authorization: 'Key a:b' });
    expect(await wrong.json()).toEqual({ detail: 'No user found for Key ID and Secret' });
  });

  it('serves the receipt, 202 while pending, 200 when completed, under the app path without /v1/fill', async () => {
    emu.script({ queuePolls: 1, progressPolls: 0 });
    const res = await fetch(`${emu.url}/fal-ai/flux-pro/v1/fill`, {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify(input),
    });
    const receipt = (await res.json()) as Record<string, string>;
    const base = `${emu.url}/fal-ai/flux-pro/requests/${receipt.request_id}`;
    expect(receipt).toEqual({
      status: 'IN_QUEUE',
      request_id: expect.any(String) as string,
      response_url: base,
      status_url: `${base}/status`,
      cancel_url: `${base}/cancel`,
      queue_position: 1,
    });
    const first = await fetch(`${base}/status`, { headers: auth() });
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ status: 'IN_QUEUE', queue_position: 0 });
    const done = await fetch(`${base}/status?logs=1`, { headers: auth() });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ status: 'COMPLETED', logs: expect.any(Array) as unknown[] });
    // The inputs are not images: the failure arrives on the result call, with the request id header.
    const result = await fetch(base, { headers: auth() });
    expect(result.status).toBe(422);
    expect(result.headers.get('x-fal-request-id')).toBe(receipt.request_id);
    expect(await result.json()).toMatchObject({
      detail: [{ loc: ['body', 'image_url'], type: 'image_load_error' }],
    });
  });

  it('validates the input schema on submit (422 detail list)', async () => {
    const res = await fetch(`${emu.url}/fal-ai/flux-pro/v1/fill`, {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ ...input, prompt: '', num_images: 5, safety_tolerance: '7' }),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { detail: { loc: string[] }[] };
    expect(body.detail.map((d) => d.loc[1])).toEqual(['prompt', 'num_images', 'safety_tolerance']);
  });

  it('drives @fal-ai/client end to end, including the SSE status stream', async () => {
    emu.script({ queuePolls: 2, progressPolls: 2 });
    const config = { key: emu.key, queueBaseUrl: emu.url, restBaseUrl: emu.url };
    const client = createFalHttpClient(config, fetch, Date.now);
    const type = { type: 'image/png' };
    const imageUrl = await client.storage.upload(new Blob([new Uint8Array(await sourcePng())], type));
    const maskUrl = await client.storage.upload(new Blob([new Uint8Array(await maskPng())], type));
    const { request_id: requestId } = await client.queue.submit('fal-ai/flux-pro/v1/fill', {
      input: { prompt: 'p', image_url: imageUrl, mask_url: maskUrl, num_images: 2, seed: 5 },
    });
    const seen: string[] = [];
    const done = await client.queue.subscribeToStatus('fal-ai/flux-pro/v1/fill', {
      requestId,
      mode: 'streaming',
      logs: true,
      onQueueUpdate: (u) => seen.push(u.status),
    });
    expect(done.status).toBe('COMPLETED');
    expect(seen).toEqual(['IN_QUEUE', 'IN_QUEUE', 'IN_PROGRESS', 'IN_PROGRESS', 'COMPLETED']);
    const result = await client.queue.result('fal-ai/flux-pro/v1/fill', { requestId });
    expect(result.requestId).toBe(requestId);
    expect(result.data).toMatchObject({ seed: 5, has_nsfw_concepts: [false, false], images: [{}, {}] });
  });

  it('takes scripts and faults over HTTP and does not record its control calls', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${emu.url}/_emulator/${path}`, { method: 'POST', body: JSON.stringify(body) });
    await post('fault', { route: 'submit', status: 429 });
    await post('script', { queuePolls: 0, progressPolls: 0, nsfw: [true] });
    const submit = () =>
      fetch(`${emu.url}/fal-ai/flux-pro/v1/fill`, {
        method: 'POST',
        headers: auth(),
        body: JSON.stringify(input),
      });
    expect((await submit()).status).toBe(429);
    expect((await submit()).status).toBe(200);
    expect([...emu.jobs.values()][0]?.script.nsfw).toEqual([true]);
    const recorded = (await (await fetch(`${emu.url}/_emulator/requests`)).json()) as { path: string }[];
    expect(recorded.map((r) => r.path)).toEqual(['/fal-ai/flux-pro/v1/fill', '/fal-ai/flux-pro/v1/fill']);
  });
});
