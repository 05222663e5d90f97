import sharp from 'sharp';

export interface Rgba {
  width: number;
  height: number;
  rgba: Uint8Array;
}

export async function readRgba(path: string): Promise<Rgba> {
  const { data, info } = await sharp(path).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    rgba: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
}

/** 8-bit mask, non-zero = hole. */
export async function readMask(path: string): Promise<Uint8Array> {
  const { data } = await sharp(path).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  const m = new Uint8Array(data.length);
  for (let i = 0; i < m.length; i++) m[i] = data[i]! > 127 ? 1 : 0;
  return m;
}

export async function writePng(path: string, img: Rgba): Promise<void> {
  await sharp(img.rgba, { raw: { width: img.width, height: img.height, channels: 4 } })
    .png()
    .toFile(path);
}

/** A fixture of server/test/fixtures/engine (see the README there), for the engine's tests. */
export function loadFixture(name: string): Promise<Rgba> {
  return readRgba(new URL(`../../test/fixtures/engine/${name}`, import.meta.url).pathname);
}

/** A rectangular hole (255) clipped to the image. */
export function boxMask(w: number, h: number, x0: number, y0: number, bw: number, bh: number): Uint8Array {
  const mask = new Uint8Array(w * h);
  for (let y = y0; y < Math.min(h, y0 + bh); y++)
    for (let x = x0; x < Math.min(w, x0 + bw); x++) mask[y * w + x] = 255;
  return mask;
}
