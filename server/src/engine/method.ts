import { holeThickness } from './distance.ts';
import type { FillMethod } from './types.ts';

/** Holes no deeper than this (px from known content) are scratches: the membrane fill is exact enough. */
export const SCRATCH_DEPTH = 3;

/** Resolves 'auto': diffusion for thin scratches, PatchMatch for everything else. */
export function chooseMethod(
  method: FillMethod | undefined,
  mask: Uint8Array,
  width: number,
  height: number,
): 'patchmatch' | 'diffusion' {
  if (method === 'patchmatch' || method === 'diffusion') return method;
  return maskDepth(mask, width, height) <= SCRATCH_DEPTH ? 'diffusion' : 'patchmatch';
}

/** Hole depth measured inside the mask's bounding box grown by a pixel, so huge images stay cheap. */
function maskDepth(mask: Uint8Array, width: number, height: number): number {
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (maxX < 0) return 0;
  const x0 = Math.max(0, minX - 1);
  const y0 = Math.max(0, minY - 1);
  const w = Math.min(width - 1, maxX + 1) - x0 + 1;
  const h = Math.min(height - 1, maxY + 1) - y0 + 1;
  const hole = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) hole[y * w + x] = mask[(y0 + y) * width + x0 + x] ? 1 : 0;
  return holeThickness(hole, w, h);
}
