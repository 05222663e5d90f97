import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Job } from '../../src/contract/index.ts';
import { postFill, startHarness, uploadImage, waitForJob, type Harness } from '../support/harness.ts';
import { rawPixels, rectMaskPng, texturedPng } from '../support/images.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.cleanup());

const fixture = (name: string) =>
  readFile(new URL(`../fixtures/${name}`, import.meta.url)).then((b) => new Uint8Array(b));

async function imageBytes(url: string) {
  const res = await h.app.request(url);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

describe('a full local fill through the API', () => {
  it('fills the photo inside the mask and leaves every other pixel as it was', async () => {
    const photo = await fixture('astronaut_512.png');
    const image = await uploadImage(h.app, photo);
    const mask = await uploadImage(h.app, await fixture('astronaut_512_blob.png'));
    const { res, body } = await postFill(h.app, {
      provider: 'local',
      imageId: image.body.id,
      maskId: mask.body.id,
      prompt: 'ignored by the local engine',
    });
    expect(res.status).toBe(202);
    const created = Job.parse(body);
    expect(res.headers.get('location')).toBe(`/api/jobs/${created.id}`);
    expect(created).toMatchObject({ provider: 'local', status: 'queued', outputs: [] });
    expect(created.request.numVariations).toBe(1);
    expect(created.request.seeds).toHaveLength(1);

    const done = await waitForJob(h.app, created.id);
    expect(done.status).toBe('succeeded');
    expect(done.progress).toBe(1);
    expect(done.outputs).toHaveLength(1);
    const out = done.outputs[0]!;
    expect(out).toMatchObject({ seed: created.request.seeds![0], width: 512, height: 512 });
    expect(out.url).toBe(`/api/images/${out.imageId}`);

    const src = await rawPixels(photo, 3);
    const res2 = await rawPixels(await imageBytes(out.url), 3);
    const hole = await rawPixels(await fixture('astronaut_512_blob.png'), 1);
    let outsideDiff = 0;
    let insideChanged = 0;
    let inside = 0;
    for (let i = 0; i < 512 * 512; i++) {
      const same =
        src.data[i * 3] === res2.data[i * 3] &&
        src.data[i * 3 + 1] === res2.data[i * 3 + 1] &&
        src.data[i * 3 + 2] === res2.data[i * 3 + 2];
      if (hole.data[i]! >= 128) {
        inside++;
        if (!same) insideChanged++;
      } else if (!same) outsideDiff++;
    }
    expect(res2.info.channels).toBe(3);
    expect(outsideDiff).toBe(0);
    expect(inside).toBeGreaterThan(20_000);
    expect(insideChanged / inside).toBeGreaterThan(0.9);
  });

  it('makes distinct-seed variations, reproducible with the stored seeds', async () => {
    const image = await uploadImage(h.app, await texturedPng(48, 40));
    const mask = await uploadImage(h.app, await rectMaskPng(48, 40, { x: 16, y: 12, w: 14, h: 12 }));
    const first = await postFill(h.app, {
      provider: 'local',
      imageId: image.body.id,
      maskId: mask.body.id,
      numVariations: 3,
    });
    const job = await waitForJob(h.app, (first.body as { id: string }).id);
    expect(job.status).toBe('succeeded');
    const seeds = job.request.seeds!;
    expect(new Set(seeds).size).toBe(3);
    expect(job.outputs.map((o) => o.seed)).toEqual(seeds);

    const again = await postFill(h.app, {
      provider: 'local',
      imageId: image.body.id,
      maskId: mask.body.id,
      seeds,
    });
    const replay = await waitForJob(h.app, (again.body as { id: string }).id);
    // Content-addressed outputs: same seed, same pixels, same id.
    expect(replay.outputs.map((o) => o.imageId)).toEqual(job.outputs.map((o) => o.imageId));
  });

  it('scales and crops to a requested size and says so in a note', async () => {
    const image = await uploadImage(h.app, await texturedPng(40, 20));
    const mask = await uploadImage(h.app, await rectMaskPng(40, 20, { x: 10, y: 5, w: 8, h: 8 }));
    const { body } = await postFill(h.app, {
      provider: 'local',
      imageId: image.body.id,
      maskId: mask.body.id,
      size: { width: 24, height: 24 },
      seeds: [7],
      options: { method: 'diffusion' },
    });
    const job = await waitForJob(h.app, (body as { id: string }).id);
    expect(job.status).toBe('succeeded');
    expect(job.outputs[0]).toMatchObject({ width: 24, height: 24, seed: 7 });
    expect(job.notes).toEqual(['Filled at the source size 40×20, then scaled and cropped to 24×24.']);
    const out = await rawPixels(await imageBytes(job.outputs[0]!.url));
    expect([out.info.width, out.info.height]).toEqual([24, 24]);
  });

  it('treats an EXIF-rotated JPEG at its displayed size, as the browser shows it', async () => {
    const raw = await rawPixels(await texturedPng(40, 20), 3);
    const jpeg = new Uint8Array(
      await sharp(raw.data, { raw: { width: 40, height: 20, channels: 3 } })
        .jpeg()
        .withMetadata({ orientation: 6 }) // stored 40×20, displayed 20×40
        .toBuffer(),
    );
    const image = await uploadImage(h.app, jpeg, 'image/jpeg');
    expect([image.body.width, image.body.height]).toEqual([20, 40]);
    const mask = await uploadImage(h.app, await rectMaskPng(20, 40, { x: 5, y: 10, w: 8, h: 8 }));
    const { res, body } = await postFill(h.app, {
      provider: 'local',
      imageId: image.body.id,
      maskId: mask.body.id,
    });
    expect(res.status).toBe(202);
    const job = await waitForJob(h.app, (body as { id: string }).id);
    expect(job.status).toBe('succeeded');
    expect(job.outputs[0]).toMatchObject({ width: 20, height: 40 });
  });

  it('accepts a transparent paint-layer mask (RGBA), as the browser exports it', async () => {
    const { rgbaPng } = await import('../support/images.ts');
    const image = await uploadImage(h.app, await texturedPng(32, 32));
    const mask = await uploadImage(
      h.app,
      await rgbaPng(32, 32, (x, y) =>
        x > 10 && x < 20 && y > 10 && y < 20 ? [255, 0, 0, 255] : [0, 0, 0, 0],
      ),
    );
    const { res, body } = await postFill(h.app, {
      provider: 'local',
      imageId: image.body.id,
      maskId: mask.body.id,
    });
    expect(res.status).toBe(202);
    expect((await waitForJob(h.app, (body as { id: string }).id)).status).toBe('succeeded');
  });
});
