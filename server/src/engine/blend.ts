import { membraneFill } from './diffusion.ts';
import { CHANNELS, type Level } from './level.ts';
import type { VoteBuffers } from './vote.ts';

/** Known pixels within `width` px (Chebyshev) of the hole. */
export function ringAround(level: Level, width: number): Uint8Array {
  const { w, h, hole, holeList } = level;
  const ring = new Uint8Array(w * h);
  for (let j = 0; j < holeList.length; j++) {
    const p = holeList[j]!;
    const x = p % w;
    const y = (p - x) / w;
    for (let yy = Math.max(0, y - width); yy <= Math.min(h - 1, y + width); yy++) {
      for (let xx = Math.max(0, x - width); xx <= Math.min(w - 1, x + width); xx++) {
        const q = yy * w + xx;
        if (!hole[q]) ring[q] = 1;
      }
    }
  }
  return ring;
}

/**
 * Seam removal: the votes also predict the known ring around the hole; the mismatch (known − predicted) is
 * interpolated smoothly across the hole and added to the fill, so colour and brightness meet the
 * surroundings without touching the texture (a gradient-domain correction). Reads and clears the ring's
 * accumulators in `bufs`; call after the hole votes are resolved.
 */
export function blendBoundary(level: Level, bufs: VoteBuffers, ring: Uint8Array): void {
  const { w, h, feat, holeList } = level;
  let minX = w;
  let minY = h;
  let maxX = -1;
  let maxY = -1;
  for (let j = 0; j < holeList.length; j++) {
    const p = holeList[j]!;
    const x = p % w;
    const y = (p - x) / w;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (maxX < 0) return;
  minX = Math.max(0, minX - 2);
  minY = Math.max(0, minY - 2);
  maxX = Math.min(w - 1, maxX + 2);
  maxY = Math.min(h - 1, maxY + 2);
  const bw = maxX - minX + 1;
  const bh = maxY - minY + 1;
  const diff = new Float32Array(bw * bh * 3);
  const unknown = new Uint8Array(bw * bh);
  let anchors = 0;
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      const p = (y + minY) * w + x + minX;
      const b = y * bw + x;
      const wsum = bufs.weight[p]!;
      if (ring[p] && wsum > 0) {
        for (let c = 0; c < 3; c++)
          diff[b * 3 + c] = feat[p * CHANNELS + c]! - bufs.acc[p * CHANNELS + c]! / wsum;
        anchors++;
      } else unknown[b] = 1;
      if (ring[p]) {
        bufs.acc.fill(0, p * CHANNELS, (p + 1) * CHANNELS);
        bufs.weight[p] = 0;
      }
    }
  }
  if (anchors === 0) return;
  membraneFill(diff, unknown, bw, bh);
  for (let j = 0; j < holeList.length; j++) {
    const p = holeList[j]!;
    const x = p % w;
    const y = (p - x) / w;
    const b = (y - minY) * bw + x - minX;
    for (let c = 0; c < 3; c++) feat[p * CHANNELS + c] = feat[p * CHANNELS + c]! + diff[b * 3 + c]!;
  }
}
