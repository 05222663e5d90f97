import sharp from 'sharp';
import type { FillImage } from './types.ts';

/** Test helpers: fixtures live in server/test/fixtures/engine (see the README there). */
export async function loadFixture(name: string): Promise<FillImage> {
  const url = new URL(`../../test/fixtures/engine/${name}`, import.meta.url);
  const { data, info } = await sharp(url.pathname).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    rgba: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
}

export function boxMask(w: number, h: number, x0: number, y0: number, bw: number, bh: number): Uint8Array {
  const mask = new Uint8Array(w * h);
  for (let y = y0; y < Math.min(h, y0 + bh); y++)
    for (let x = x0; x < Math.min(w, x0 + bw); x++) mask[y * w + x] = 255;
  return mask;
}
