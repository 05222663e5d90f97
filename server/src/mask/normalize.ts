import sharp from 'sharp';
import { AppError } from '../errors.ts';
import type { ImageSink, StoredImage } from '../providers/interface.ts';

export interface MaskPixels {
  /** width*height bytes: 255 = fill, 0 = keep. */
  mask: Uint8Array;
  /** How many pixels are fill. */
  filled: number;
}

/**
 * Which pixels are painted. A mask with any transparency is a paint layer: opaque-enough pixels are
 * fill whatever their colour. A fully opaque mask is black-and-white: light pixels are fill.
 */
export function maskFromRgba(rgba: Uint8Array, width: number, height: number): MaskPixels {
  const n = width * height;
  let hasTransparency = false;
  for (let i = 0; i < n; i++) {
    if (rgba[i * 4 + 3]! < 128) {
      hasTransparency = true;
      break;
    }
  }
  const mask = new Uint8Array(n);
  let filled = 0;
  for (let i = 0; i < n; i++) {
    const o = i * 4;
    const fill = hasTransparency
      ? rgba[o + 3]! >= 128
      : // Rec. 601 luma in integers, so a grey of exactly 128 is fill (floats land a hair below).
        299 * rgba[o]! + 587 * rgba[o + 1]! + 114 * rgba[o + 2]! >= 128_000;
    if (fill) {
      mask[i] = 255;
      filled++;
    }
  }
  return { mask, filled };
}

export function checkMask(
  maskSize: { width: number; height: number },
  source: { width: number; height: number },
): void {
  if (maskSize.width !== source.width || maskSize.height !== source.height) {
    throw new AppError(
      'invalid_mask',
      `The mask is ${maskSize.width}×${maskSize.height} but the image is ${source.width}×${source.height}; they must be the same size.`,
    );
  }
}

export interface NormalizedMask {
  image: StoredImage;
  filled: number;
  total: number;
}

/** Turns the uploaded mask into an opaque 8-bit greyscale PNG (255 = fill) and stores it. */
export async function normalizeMask(
  sink: ImageSink,
  mask: StoredImage,
  source: { width: number; height: number },
): Promise<NormalizedMask> {
  checkMask(mask, source);
  const { data, info } = await sharp(mask.path)
    .autoOrient()
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  checkMask(info, source);
  const { mask: pixels, filled } = maskFromRgba(
    new Uint8Array(data.buffer, data.byteOffset, data.length),
    info.width,
    info.height,
  );
  if (filled === 0) throw new AppError('invalid_mask', 'The mask is empty: paint the area to fill.');
  const png = await sharp(pixels, { raw: { width: info.width, height: info.height, channels: 1 } })
    .toColourspace('b-w')
    .png()
    .toBuffer();
  const image = await sink.put(png, 'image/png');
  return { image, filled, total: info.width * info.height };
}

/** Reads a normalised mask back as one byte per pixel (non-zero = fill), the engine's format. */
export async function readMask(mask: StoredImage): Promise<Uint8Array> {
  const { data } = await sharp(mask.path).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}
