import sharp from 'sharp';

type Pixel = [number, number, number, number];

/** A PNG whose pixel (x, y) is `paint(x, y)` as RGBA. */
export async function rgbaPng(width: number, height: number, paint: (x: number, y: number) => Pixel) {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(paint(x, y), (y * width + x) * 4);
  }
  return new Uint8Array(
    await sharp(data, { raw: { width, height, channels: 4 } })
      .png()
      .toBuffer(),
  );
}

/** A textured opaque photo stand-in: smooth gradients plus a checker, so fills are not trivial. */
export function texturedPng(width: number, height: number) {
  return rgbaPng(width, height, (x, y) => [
    (x * 7 + y * 3) % 256,
    (y * 5) % 256,
    ((x >> 2) + (y >> 2)) % 2 ? 200 : 40,
    255,
  ]);
}

/** Opaque black-and-white mask: white inside the rectangle. */
export function rectMaskPng(
  width: number,
  height: number,
  r: { x: number; y: number; w: number; h: number },
) {
  return rgbaPng(width, height, (x, y) =>
    x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h ? [255, 255, 255, 255] : [0, 0, 0, 255],
  );
}

export async function rawPixels(bytes: Uint8Array | string, channels: 1 | 3 | 4 = 4) {
  let img = sharp(bytes);
  img = channels === 1 ? img.extractChannel(0) : channels === 3 ? img.removeAlpha() : img.ensureAlpha();
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), info };
}
