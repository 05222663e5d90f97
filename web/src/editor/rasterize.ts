import { allocMask, applyOp } from './applyOp.ts';
import type { MaskOp } from './ops.ts';

/** The mask of `ops` as one byte per pixel (255 = fill, 0 = keep). Pure; used for export and tests. */
export function rasterize(ops: readonly MaskOp[], width: number, height: number): Uint8Array {
  const mask = allocMask(width * height);
  for (const op of ops) applyOp(mask, width, height, op);
  return mask;
}
