/** How much of the mask is fill: pixels at or above the export threshold (128). */
export interface MaskStats {
  filled: number;
  total: number;
}

/**
 * Counts fill pixels four at a time: a byte is at least 128 exactly when its top bit is set, so the
 * count of a word is the number of set bits in `w & 0x80808080` (summed by one multiply).
 */
export function maskStats(mask: Uint8Array): MaskStats {
  const total = mask.length;
  const words = mask.byteOffset % 4 === 0 ? total >> 2 : 0;
  let filled = 0;
  if (words > 0) {
    const w32 = new Uint32Array(mask.buffer, mask.byteOffset, words);
    for (let i = 0; i < words; i++) {
      const w = w32[i]!;
      if (w === 0) continue;
      filled += Math.imul((w & 0x80808080) >>> 7, 0x01010101) >>> 24;
    }
  }
  for (let i = words * 4; i < total; i++) if (mask[i]! >= 128) filled++;
  return { filled, total };
}
