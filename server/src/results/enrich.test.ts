import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, JobOutput } from '../contract/index.ts';
import type { ImageSink, StoredImage } from '../providers/interface.ts';
import { decodeRgba, enrichOutputs, recomposite } from './enrich.ts';
import { closeResultPool } from './pool.ts';

const W = 32;
const H = 32;
const ID = (c: string) => c.repeat(64);

/** A content-addressed sink on a temp dir (the real store's behaviour, without the database). */
function fileSink(dir: string): ImageSink & { stored: Map<string, StoredImage> } {
  const stored = new Map<string, StoredImage>();
  return {
    stored,
    async put(bytes) {
      const id = createHash('sha256').update(bytes).digest('hex');
      const path = join(dir, `${id}.png`);
      await writeFile(path, bytes);
      const meta = await sharp(path).metadata();
      const image: StoredImage = {
        id,
        path,
        width: meta.width,
        height: meta.height,
        contentType: 'image/png',
        bytes: bytes.length,
      };
      stored.set(id, image);
      return image;
    },
    get: async (id) => stored.get(id) ?? null,
    urlFor: (id) => `/api/images/${id}`,
  };
}

/** RGBA PNG from a function of (x, y). */
function png(w: number, h: number, px: (x: number, y: number) => [number, number, number]) {
  const data = Buffer.alloc(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const [r, g, b] = px(x, y);
      data.set([r, g, b, 255], (y * w + x) * 4);
    }
  return sharp(data, { raw: { width: w, height: h, channels: 4 } })
    .png()
    .toBuffer();
}

let dir: string;
let sink: ReturnType<typeof fileSink>;
let job: Job;
let maskId: string;
let output: JobOutput;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'maskfill-results-'));
  sink = fileSink(dir);
  // Grey source; the left half is the fill; the provider painted it red and also tinted the top 8 rows
  // of the right half (a +40 blue shift), as whole-frame resampling does.
  const source = await sink.put(await png(W, H, () => [100, 100, 100]));
  const mask = await sink.put(await png(W, H, (x) => (x < 16 ? [255, 255, 255] : [0, 0, 0])));
  const out = await sink.put(
    await png(W, H, (x, y) => (x < 16 ? [200, 50, 50] : y < 8 ? [100, 100, 140] : [100, 100, 100])),
  );
  maskId = mask.id;
  output = { imageId: out.id, url: `/api/images/${out.id}`, seed: 1, width: W, height: H };
  job = {
    id: 'job-1',
    provider: 'local',
    status: 'running',
    revision: 1,
    createdAt: new Date(0).toISOString(),
    request: { provider: 'local', imageId: source.id, maskId: ID('b') },
    outputs: [],
  };
});

afterAll(async () => {
  await closeResultPool();
  await rm(dir, { recursive: true, force: true });
});

describe('enrichOutputs', () => {
  it('stores the leak figure: 8 of 16 outside columns × 8 of 32 rows changed = 25 %', async () => {
    const [enriched] = await enrichOutputs(sink, job, maskId, [output], { featherPx: 0, threshold: 16 });
    expect(enriched?.leak).toMatchObject({ changedFraction: 0.25, threshold: 16, outsidePixels: 512 });
    const heat = await decodeRgba(sink.stored.get(enriched!.leak!.heatmapImageId)!.path, W, H);
    // Changed outside (row 0, x 20): painted; unchanged outside (row 20) and inside: transparent.
    expect(heat.data[(0 * W + 20) * 4 + 3]).toBe(220);
    expect(heat.data[(20 * W + 20) * 4 + 3]).toBe(0);
    expect(heat.data[(0 * W + 4) * 4 + 3]).toBe(0);
  });

  it('composites: output inside, source outside, feathered edge blended exactly', async () => {
    const [enriched] = await enrichOutputs(sink, job, maskId, [output], { featherPx: 2 });
    expect(enriched?.composite?.featherPx).toBe(2);
    const c = await decodeRgba(sink.stored.get(enriched!.composite!.imageId)!.path, W, H);
    const at = (x: number, y: number) => [...c.data.subarray((y * W + x) * 4, (y * W + x) * 4 + 4)];
    expect(at(2, 20)).toEqual([200, 50, 50, 255]);
    // The tinted rows outside the mask are back to the source grey.
    expect(at(30, 2)).toEqual([100, 100, 100, 255]);
    // x = 15: the 5-wide box covers 3 fill columns → alpha 153 → 200·0.6 + 100·0.4 = 160.
    expect(at(15, 20)).toEqual([160, 70, 70, 255]);
  });

  it('leaves outputs of another aspect ratio unchanged', async () => {
    const wide = await sink.put(await png(64, 16, () => [1, 2, 3]));
    const other = { ...output, imageId: wide.id, width: 64, height: 16 };
    expect(await enrichOutputs(sink, job, maskId, [other])).toEqual([other]);
  });

  it('measures an output of another size at that size (source and mask resampled)', async () => {
    const big = await sink.put(
      await png(64, 64, (x, y) => (x < 32 ? [200, 50, 50] : y < 16 ? [100, 100, 140] : [100, 100, 100])),
    );
    const [enriched] = await enrichOutputs(sink, job, maskId, [
      { ...output, imageId: big.id, width: 64, height: 64 },
    ]);
    expect(enriched?.leak).toMatchObject({ changedFraction: 0.25, outsidePixels: 2048 });
  });
});

describe('recomposite (the user’s feather)', () => {
  const pixelsOf = async (id: string) => {
    const c = await decodeRgba(sink.stored.get(id)!.path, W, H);
    return (x: number, y: number) => [...c.data.subarray((y * W + x) * 4, (y * W + x) * 4 + 4)];
  };

  it('feather 0: a hard edge between column 15 (fill) and 16 (source)', async () => {
    const composite = await recomposite(sink, job, maskId, output, 0);
    expect(composite).toMatchObject({ featherPx: 0, url: `/api/images/${composite!.imageId}` });
    const at = await pixelsOf(composite!.imageId);
    expect(at(15, 20)).toEqual([200, 50, 50, 255]);
    expect(at(16, 20)).toEqual([100, 100, 100, 255]);
    expect(at(30, 2)).toEqual([100, 100, 100, 255]);
  });

  it('feather 4: a 9-wide box; alpha 142 at x = 15, 28 at x = 19, none from x = 20', async () => {
    const composite = await recomposite(sink, job, maskId, output, 4);
    const at = await pixelsOf(composite!.imageId);
    // x = 15: 5 of 9 fill columns → 142 → (200·142 + 100·113)/255 = 156, (50·142 + 100·113)/255 = 72.
    expect(at(15, 20)).toEqual([156, 72, 72, 255]);
    // x = 19, row 2 (the raw output tinted blue there): 1 of 9 → 28 → (140·28 + 100·227)/255 = 104.
    expect(at(19, 2)).toEqual([100, 100, 104, 255]);
    expect(at(20, 2)).toEqual([100, 100, 100, 255]);
    expect(at(11, 20)).toEqual([200, 50, 50, 255]);
  });

  it('is content-addressed: the same feather gives the same image; another feather another', async () => {
    const a = await recomposite(sink, job, maskId, output, 3);
    const b = await recomposite(sink, job, maskId, output, 3);
    const c = await recomposite(sink, job, maskId, output, 2);
    expect(b!.imageId).toBe(a!.imageId);
    expect(c!.imageId).not.toBe(a!.imageId);
    // Feather 2 is what enrichOutputs stores by default.
    const [enriched] = await enrichOutputs(sink, job, maskId, [output]);
    expect(enriched?.composite?.imageId).toBe(c!.imageId);
  });

  it('is null for an output of another aspect ratio', async () => {
    const wide = await sink.put(await png(64, 16, () => [1, 2, 3]));
    expect(
      await recomposite(sink, job, maskId, { ...output, imageId: wide.id, width: 64, height: 16 }, 2),
    ).toBeNull();
  });
});
