import { membraneFill } from './diffusion.ts';
import { CHANNELS, holeBounds, type Level } from './level.ts';
import { sharedInt32 } from './shared.ts';

const BLEND_SWEEPS = 12;

/**
 * Known pixels within `width` px (Chebyshev) of the hole, in raster order. Only hole pixels with known
 * content within `width` px (those with `depth` ≤ width·4/3, the chamfer bound) can reach one.
 */
export function ringAround(level: Level, width: number, depth: Float32Array): Int32Array {
  const { w, h, hole, holeList } = level;
  const ring = new Uint8Array(w * h);
  const reach = (width * 4) / 3 + 1e-3;
  for (let j = 0; j < holeList.length; j++) {
    const p = holeList[j]!;
    if (depth[p]! > reach) continue;
    const x = p % w;
    const y = (p - x) / w;
    for (let yy = Math.max(0, y - width); yy <= Math.min(h - 1, y + width); yy++) {
      for (let xx = Math.max(0, x - width); xx <= Math.min(w - 1, x + width); xx++) {
        const q = yy * w + xx;
        if (!hole[q]) ring[q] = 1;
      }
    }
  }
  let n = 0;
  for (let i = 0; i < ring.length; i++) n += ring[i]!;
  const list = sharedInt32(n);
  for (let i = 0, k = 0; i < ring.length; i++) if (ring[i]) list[k++] = i;
  return list;
}

/**
 * Seam removal: the votes also predict the known ring around the hole (`predicted`: mean L, a, b and the
 * vote weight per ring pixel, see `gatherVotes`); the mismatch (known − predicted) is interpolated smoothly
 * across the hole and added to the fill, so colour and brightness meet the surroundings without touching
 * the texture (a gradient-domain correction). Call after the hole votes are resolved.
 */
export function blendBoundary(level: Level, ring: Int32Array, predicted: Float32Array): void {
  const { w, feat, holeList } = level;
  const bounds = holeBounds(level, 2);
  if (!bounds) return;
  const { minX, minY, maxX, maxY } = bounds;
  const bw = maxX - minX + 1;
  const bh = maxY - minY + 1;
  const diff = new Float32Array(bw * bh * 3);
  // 0 = anchor (ring with votes), 1 = solve (hole), 2 = ignored: the ring separates the hole from the rest.
  const state = new Uint8Array(bw * bh).fill(2);
  let anchors = 0;
  for (let j = 0; j < holeList.length; j++) {
    const p = holeList[j]!;
    const x = p % w;
    state[((p - x) / w - minY) * bw + x - minX] = 1;
  }
  for (let j = 0; j < ring.length; j++) {
    const p = ring[j]!;
    const x = p % w;
    const b = ((p - x) / w - minY) * bw + x - minX;
    if (predicted[j * 4 + 3]! > 0) {
      for (let c = 0; c < 3; c++) diff[b * 3 + c] = feat[p * CHANNELS + c]! - predicted[j * 4 + c]!;
      state[b] = 0;
      anchors++;
    } else state[b] = 1;
  }
  if (anchors === 0) return;
  // The correction is smooth: the multigrid's coarse levels carry it, a few sweeps per level suffice.
  membraneFill(diff, state, bw, bh, BLEND_SWEEPS, BLEND_SWEEPS >> 2);
  for (let j = 0; j < holeList.length; j++) {
    const p = holeList[j]!;
    const x = p % w;
    const y = (p - x) / w;
    const b = (y - minY) * bw + x - minX;
    for (let c = 0; c < 3; c++) feat[p * CHANNELS + c] = feat[p * CHANNELS + c]! + diff[b * 3 + c]!;
  }
}
