import type { MaskOp } from './ops.ts';
import { encodeBilevelPng } from './png.ts';
import { rasterize } from './rasterize.ts';

/** Soft edges at or above half coverage are sent as fill: providers take a hard black-and-white mask. */
export const EXPORT_THRESHOLD = 128;

/** The exact pixels sent to the server: 255 (white, fill) or 0 (black, keep), one byte per pixel. */
export function maskExportPixels(ops: readonly MaskOp[], width: number, height: number): Uint8Array {
  const mask = rasterize(ops, width, height);
  for (let i = 0; i < mask.length; i++) mask[i] = mask[i]! >= EXPORT_THRESHOLD ? 255 : 0;
  return mask;
}

const pngBlob = (png: Uint8Array) => new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' });

/**
 * Encodes an already rasterised mask (the editor's committed raster) with the same threshold, read in
 * place: no thresholded copy is made.
 */
export async function exportRasterPng(mask: Uint8Array, width: number, height: number): Promise<Blob> {
  return pngBlob(await encodeBilevelPng(mask, width, height, EXPORT_THRESHOLD));
}

/**
 * The opaque black-and-white PNG the server expects: white = fill, the same pixel size as the image,
 * 1 bit per pixel (a decoder reads it as 0/255 greyscale).
 */
export async function exportMaskPng(ops: readonly MaskOp[], width: number, height: number): Promise<Blob> {
  return pngBlob(await encodeBilevelPng(rasterize(ops, width, height), width, height, EXPORT_THRESHOLD));
}

/**
 * Pixels at or above the threshold (128). Four at a time where the view is word-aligned: a byte is at
 * least 128 exactly when its top bit is set, so a word counts the set bits of `w & 0x80808080`.
 */
export function countFilled(pixels: Uint8Array): number {
  let n = 0;
  let i = 0;
  const end = pixels.length;
  for (; i < end && (pixels.byteOffset + i) % 4 !== 0; i++) if (pixels[i]! >= EXPORT_THRESHOLD) n++;
  const words = (end - i) >> 2;
  if (words > 0) {
    const w32 = new Uint32Array(pixels.buffer, pixels.byteOffset + i, words);
    for (let k = 0; k < words; k++) {
      const w = w32[k]!;
      if (w !== 0) n += Math.imul((w & 0x80808080) >>> 7, 0x01010101) >>> 24;
    }
    i += words * 4;
  }
  for (; i < end; i++) if (pixels[i]! >= EXPORT_THRESHOLD) n++;
  return n;
}
