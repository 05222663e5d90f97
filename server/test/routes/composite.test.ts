import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody, OutputComposite, type Job } from '../../src/contract/index.ts';
import { closeResultPool } from '../../src/results/pool.ts';
import { postFill, startHarness, uploadImage, waitForJob, type Harness } from '../support/harness.ts';
import { rawPixels, rectMaskPng, texturedPng } from '../support/images.ts';

let h: Harness;
let job: Job;
let source: Uint8Array;
let output: Uint8Array;
const W = 24;

beforeAll(async () => {
  h = await startHarness();
  const sourcePng = await texturedPng(W, W);
  const imageId = (await uploadImage(h.app, sourcePng)).body.id;
  const maskId = (await uploadImage(h.app, await rectMaskPng(W, W, { x: 6, y: 6, w: 8, h: 8 }))).body.id;
  const { body } = await postFill(h.app, { provider: 'local', imageId, maskId, seeds: [3] });
  job = await waitForJob(h.app, String(body.id));
  expect(job.status).toBe('succeeded');
  source = (await rawPixels(sourcePng)).data;
  output = await bytesOf(job.outputs[0]!.url).then(async (b) => (await rawPixels(b)).data);
}, 60_000);
afterAll(async () => {
  await h.cleanup();
  await closeResultPool();
});

async function bytesOf(url: string) {
  const res = await h.app.request(url);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

const composite = async (query: string, index = 0) => {
  const res = await h.app.request(`/api/jobs/${job.id}/outputs/${index}/composite${query}`);
  return { res, body: (await res.json()) as unknown };
};

describe('GET /api/jobs/:id/outputs/:index/composite', () => {
  it('feather 0: the output inside the mask, the source outside, pixel for pixel', async () => {
    const { res, body } = await composite('?featherPx=0');
    expect(res.status).toBe(200);
    const c = OutputComposite.parse(body);
    expect(c.featherPx).toBe(0);
    expect(c.url).toBe(`/api/images/${c.imageId}`);
    const px = (await rawPixels(await bytesOf(c.url))).data;
    const at = (a: Uint8Array, x: number, y: number) => [...a.subarray((y * W + x) * 4, (y * W + x) * 4 + 3)];
    for (const [x, y] of [
      [6, 6],
      [13, 13],
      [10, 8],
    ] as const)
      expect(at(px, x, y)).toEqual(at(output, x, y));
    for (const [x, y] of [
      [5, 6],
      [14, 13],
      [0, 0],
      [23, 23],
    ] as const)
      expect(at(px, x, y)).toEqual(at(source, x, y));
  });

  it('the stored feather answers the stored composite; another feather another image, the same each time', async () => {
    const stored = job.outputs[0]!.composite!;
    expect(OutputComposite.parse((await composite(`?featherPx=${stored.featherPx}`)).body)).toEqual(stored);
    const a = OutputComposite.parse((await composite('?featherPx=6')).body);
    const b = OutputComposite.parse((await composite('?featherPx=6')).body);
    expect(a.imageId).not.toBe(stored.imageId);
    expect(b).toEqual(a);
  });

  it('rejects a feather out of 0–32, a missing one, and an output that is not there', async () => {
    for (const q of ['?featherPx=33', '?featherPx=-1', '?featherPx=1.5', '']) {
      const { res, body } = await composite(q);
      expect(res.status, q).toBe(400);
      expect(ErrorBody.parse(body).error.message).toMatch(/^featherPx: /);
    }
    const { res, body } = await composite('?featherPx=2', 3);
    expect(res.status).toBe(404);
    expect(ErrorBody.parse(body).error.code).toBe('not_found');
    expect((await h.app.request('/api/jobs/nope/outputs/0/composite?featherPx=2')).status).toBe(404);
  });
});

describe('GET /api/jobs/:id/zip?featherPx=', () => {
  it('packs composites made with the chosen feather and says which', async () => {
    const chosen = OutputComposite.parse((await composite('?featherPx=5')).body);
    const res = await h.app.request(`/api/jobs/${job.id}/zip?featherPx=5`);
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(files['outputs/1-seed-3-composite.png']).toEqual(await bytesOf(chosen.url));
    const manifest = JSON.parse(strFromU8(files['job.json']!)) as { outputs: Record<string, unknown>[] };
    expect(manifest.outputs[0]).toMatchObject({ compositeFeatherPx: 5 });
    // Without the parameter, the stored (default) composite.
    const plain = unzipSync(
      new Uint8Array(await (await h.app.request(`/api/jobs/${job.id}/zip`)).arrayBuffer()),
    );
    expect(plain['outputs/1-seed-3-composite.png']).toEqual(await bytesOf(job.outputs[0]!.composite!.url));
    expect((await h.app.request(`/api/jobs/${job.id}/zip?featherPx=99`)).status).toBe(400);
  });
});
