import { countFilled } from '../../editor/exportMask.ts';
import { maskFilledCount } from '../../editor/MaskCache.ts';

/** How much of the mask is fill: pixels at or above the export threshold (128). */
export interface MaskStats {
  filled: number;
  total: number;
}

/** The editor keeps its raster's count as it changes; any other array is counted. */
export function maskStats(mask: Uint8Array): MaskStats {
  return { filled: maskFilledCount(mask) ?? countFilled(mask), total: mask.length };
}
