import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageSink, StoredImage } from '../providers/interface.ts';
import { maskFromRgba, normalizeMask, readMask } from './normalize.ts';

type Pixel = [number, number, number, number];

function rgba(width: number, height: number, paint: (x: number, y: number) => Pixel): Uint8Array {
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out.set(paint(x, y), (y * width + x) * 4);
  return out;
}

const count = (mask: Uint8Array) => mask.reduce((n, v) => n + (v === 255 ? 1 : 0), 0);

describe('maskFromRgba', () => {
  it('opaque black-and-white: white is fill', () => {
    const px = rgba(4, 3, (x) => (x < 1 ? [255, 255, 255, 255] : [0, 0, 0, 255]));
    const { mask, filled } = maskFromRgba(px, 4, 3);
    expect(filled).toBe(3);
    expect([...mask]).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0]);
  });

  it('opaque: luminance threshold at 128 (grey 127 keeps, 128 fills; pure red is dark)', () => {
    const px = new Uint8Array([127, 127, 127, 255, 128, 128, 128, 255, 255, 0, 0, 255, 0, 255, 0, 255]);
    expect([...maskFromRgba(px, 4, 1).mask]).toEqual([0, 255, 0, 255]);
  });

  it('paint over transparency: any opaque colour is fill, even black', () => {
    const px = rgba(5, 2, (x) => (x < 2 ? [0, 0, 0, 255] : x === 2 ? [255, 0, 0, 200] : [255, 255, 255, 0]));
    const { mask, filled } = maskFromRgba(px, 5, 2);
    expect(filled).toBe(6);
    expect([...mask.subarray(0, 5)]).toEqual([255, 255, 255, 0, 0]);
  });

  it('alpha threshold at 128 once the mask has transparency', () => {
    const px = new Uint8Array([9, 9, 9, 127, 9, 9, 9, 128, 255, 255, 255, 0]);
    expect([...maskFromRgba(px, 3, 1).mask]).toEqual([0, 255, 0]);
  });

  it('all black opaque is empty; all transparent is empty', () => {
    expect(
      maskFromRgba(
        rgba(3, 3, () => [0, 0, 0, 255]),
        3,
        3,
      ).filled,
    ).toBe(0);
    expect(
      maskFromRgba(
        rgba(3, 3, () => [255, 255, 255, 0]),
        3,
        3,
      ).filled,
    ).toBe(0);
  });
});

describe('normalizeMask', () => {
  let dir: string;
  const stored = new Map<string, StoredImage>();
  const sink: ImageSink = {
    async put(bytes) {
      const id = `img${stored.size}`;
      const path = join(dir, `${id}.png`);
      await writeFile(path, bytes);
      const meta = await sharp(bytes).metadata();
      const img: StoredImage = {
        id,
        path,
        width: meta.width,
        height: meta.height,
        contentType: 'image/png',
        bytes: bytes.length,
      };
      stored.set(id, img);
      return img;
    },
    get: async (id) => stored.get(id) ?? null,
    urlFor: (id) => `/api/images/${id}`,
  };
  const input = async (
    width: number,
    height: number,
    paint: (x: number, y: number) => Pixel,
    channels = 4,
  ) => {
    const png =
      channels === 4
        ? await sharp(rgba(width, height, paint), { raw: { width, height, channels: 4 } })
            .png()
            .toBuffer()
        : await sharp(rgba(width, height, paint), { raw: { width, height, channels: 4 } })
            .removeAlpha()
            .png()
            .toBuffer();
    return sink.put(new Uint8Array(png));
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'maskfill-mask-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('turns a transparent paint layer into an opaque 8-bit greyscale PNG', async () => {
    // 20×10, a 6×4 red stroke on transparency: must not collapse to all-black.
    const mask = await input(20, 10, (x, y) =>
      x >= 2 && x < 8 && y >= 3 && y < 7 ? [255, 0, 0, 255] : [0, 0, 0, 0],
    );
    const out = await normalizeMask(sink, mask, { width: 20, height: 10 });
    expect([out.filled, out.total]).toEqual([24, 200]);
    const meta = await sharp(out.image.path).metadata();
    expect([meta.format, meta.channels, meta.hasAlpha, meta.depth]).toEqual(['png', 1, false, 'uchar']);
    const pixels = await readMask(out.image);
    expect(pixels).toHaveLength(200);
    expect(count(pixels)).toBe(24);
    expect(pixels.every((v) => v === 0 || v === 255)).toBe(true);
    expect(pixels[3 * 20 + 2]).toBe(255);
    expect(pixels[3 * 20 + 8]).toBe(0);
  });

  it('keeps an opaque white-on-black mask as it is (RGB input)', async () => {
    const mask = await input(16, 16, (x) => (x >= 12 ? [255, 255, 255, 255] : [0, 0, 0, 255]), 3);
    const out = await normalizeMask(sink, mask, { width: 16, height: 16 });
    expect(out.filled).toBe(64);
    expect(count(await readMask(out.image))).toBe(64);
  });

  it('422 invalid_mask with both sizes when they differ', async () => {
    const mask = await input(512, 400, () => [255, 255, 255, 255]);
    await expect(normalizeMask(sink, mask, { width: 1024, height: 800 })).rejects.toMatchObject({
      code: 'invalid_mask',
      message: 'The mask is 512×400 but the image is 1024×800; they must be the same size.',
    });
  });

  it('422 invalid_mask when nothing is painted', async () => {
    const mask = await input(16, 16, () => [0, 0, 0, 0]);
    await expect(normalizeMask(sink, mask, { width: 16, height: 16 })).rejects.toMatchObject({
      code: 'invalid_mask',
      message: 'The mask is empty: paint the area to fill.',
    });
  });
});
