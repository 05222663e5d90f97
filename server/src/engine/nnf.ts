import { CHANNELS, type Level } from './level.ts';
import type { Rng } from './prng.ts';
import { sharedInt32 } from './shared.ts';

/**
 * A nearest-neighbour field from target patches (every patch that overlaps the hole) to source patches
 * (patches fully inside the level and clear of the dilated hole). Indices are pixel indices y*w+x of
 * patch centres.
 */
export interface Nnf {
  /** Pixel index of each target patch centre, in raster order. */
  targets: Int32Array;
  /** Pixel → target number, or -1. */
  targetOf: Int32Array;
  /** Source centre per target. */
  src: Int32Array;
  /** Sum of squared feature differences per target (over the in-bounds part of its patch). */
  dist: Float32Array;
}

export interface Sources {
  /** 1 where a patch centred here is a legal source. */
  valid: Uint8Array;
  list: Int32Array;
}

/** Legal source centres: the whole patch inside the level and no pixel of it within `dilate` px of the hole. */
export function findSources(level: Level, radius: number, dilate: number): Sources {
  const { w, h, hole } = level;
  const reach = radius + dilate;
  // Integral image of the hole, so each window test is O(1).
  const sat = new Int32Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += hole[y * w + x]!;
      sat[(y + 1) * (w + 1) + x + 1] = sat[y * (w + 1) + x + 1]! + row;
    }
  }
  const valid = new Uint8Array(w * h);
  let count = 0;
  for (let y = radius; y < h - radius; y++) {
    const y0 = Math.max(0, y - reach);
    const y1 = Math.min(h, y + reach + 1);
    for (let x = radius; x < w - radius; x++) {
      const x0 = Math.max(0, x - reach);
      const x1 = Math.min(w, x + reach + 1);
      const s =
        sat[y1 * (w + 1) + x1]! - sat[y0 * (w + 1) + x1]! - sat[y1 * (w + 1) + x0]! + sat[y0 * (w + 1) + x0]!;
      if (s === 0) {
        valid[y * w + x] = 1;
        count++;
      }
    }
  }
  const list = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < valid.length; i++) if (valid[i]) list[k++] = i;
  return { valid, list };
}

/** Targets: every pixel within `radius` (Chebyshev) of a hole pixel, i.e. every patch that touches the hole. */
export function createNnf(level: Level, radius: number): Nnf {
  const { w, h, hole } = level;
  const mark = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!hole[y * w + x]) continue;
      const y0 = Math.max(0, y - radius);
      const y1 = Math.min(h - 1, y + radius);
      const x0 = Math.max(0, x - radius);
      const x1 = Math.min(w - 1, x + radius);
      // Rows already marked by the previous hole pixel only need their new right column.
      const xs = x > 0 && hole[y * w + x - 1] ? Math.max(x0, x1) : x0;
      for (let yy = y0; yy <= y1; yy++) for (let xx = xs; xx <= x1; xx++) mark[yy * w + xx] = 1;
    }
  }
  let n = 0;
  for (let i = 0; i < mark.length; i++) n += mark[i]!;
  const targets = new Int32Array(n);
  const targetOf = sharedInt32(w * h).fill(-1);
  let k = 0;
  for (let i = 0; i < mark.length; i++) {
    if (!mark[i]) continue;
    targetOf[i] = k;
    targets[k++] = i;
  }
  return { targets, targetOf, src: sharedInt32(n), dist: new Float32Array(n) };
}

/**
 * Patch distance between target centre t and source centre s, over the part of the target patch inside
 * the level. Stops early once it exceeds `best`.
 */
export function patchDistance(level: Level, radius: number, t: number, s: number, best: number): number {
  const { w, h, feat } = level;
  const tx = t % w;
  const ty = (t - tx) / w;
  const y0 = ty < radius ? -ty : -radius;
  const y1 = ty + radius >= h ? h - 1 - ty : radius;
  const x0 = tx < radius ? -tx : -radius;
  const x1 = tx + radius >= w ? w - 1 - tx : radius;
  const span = (x1 - x0 + 1) * CHANNELS;
  let sum = 0;
  for (let dy = y0; dy <= y1; dy++) {
    let ti = (t + dy * w + x0) * CHANNELS;
    let si = (s + dy * w + x0) * CHANNELS;
    const end = ti + span;
    while (ti < end) {
      const d = feat[ti++]! - feat[si++]!;
      sum += d * d;
    }
    if (sum > best) return sum;
  }
  return sum;
}

/** Number of in-level pixels of the patch centred at t. */
export function patchArea(w: number, h: number, radius: number, t: number): number {
  const tx = t % w;
  const ty = (t - tx) / w;
  const cw = Math.min(w - 1, tx + radius) - Math.max(0, tx - radius) + 1;
  const ch = Math.min(h - 1, ty + radius) - Math.max(0, ty - radius) + 1;
  return cw * ch;
}

export function randomInit(nnf: Nnf, sources: Sources, rng: Rng): void {
  const { list } = sources;
  for (let k = 0; k < nnf.src.length; k++) nnf.src[k] = list[Math.floor(rng() * list.length)]!;
}

/**
 * Initialises from the next coarser level's field: each fine target takes its parent's source, scaled and
 * offset by its position inside the parent; illegal results fall back to a random source.
 */
export function upsampleNnf(
  nnf: Nnf,
  fine: Level,
  coarse: Level,
  coarseNnf: Nnf,
  sources: Sources,
  rng: Rng,
): void {
  const { w, h } = fine;
  for (let k = 0; k < nnf.targets.length; k++) {
    const t = nnf.targets[k]!;
    const x = t % w;
    const y = (t - x) / w;
    const cx = Math.min(coarse.w - 1, x >> 1);
    const cy = Math.min(coarse.h - 1, y >> 1);
    const ck = coarseNnf.targetOf[cy * coarse.w + cx]!;
    let s = -1;
    if (ck >= 0) {
      const cs = coarseNnf.src[ck]!;
      const csx = cs % coarse.w;
      const csy = (cs - csx) / coarse.w;
      const sx = Math.min(w - 1, csx * 2 + (x & 1));
      const sy = Math.min(h - 1, csy * 2 + (y & 1));
      s = sy * w + sx;
    }
    if (s < 0 || !sources.valid[s]) s = sources.list[Math.floor(rng() * sources.list.length)]!;
    nnf.src[k] = s;
  }
}

export function computeDistances(nnf: Nnf, level: Level, radius: number): void {
  for (let k = 0; k < nnf.targets.length; k++) {
    nnf.dist[k] = patchDistance(level, radius, nnf.targets[k]!, nnf.src[k]!, Infinity);
  }
}

/**
 * One PatchMatch pass: propagation from the previous neighbours in scan order (reversed on odd passes),
 * then random search in windows halving from `maxRadius`. The cost of a source is its patch distance plus
 * `penalty[source]` (when given); that cost never increases, `dist` keeps the plain patch distance.
 */
export function patchMatchPass(
  nnf: Nnf,
  level: Level,
  sources: Sources,
  radius: number,
  maxRadius: number,
  rng: Rng,
  reverse: boolean,
  penalty: Float32Array | null = null,
): void {
  const { w, h } = level;
  const { targets, targetOf, src, dist } = nnf;
  const valid = sources.valid;
  const n = targets.length;
  const step = reverse ? -1 : 1;
  const dx = reverse ? 1 : -1;
  const dyw = reverse ? w : -w;
  const total = w * h;
  const xMin = radius;
  const xMax = w - 1 - radius;
  const yMin = radius;
  const yMax = h - 1 - radius;
  for (let j = 0, k = reverse ? n - 1 : 0; j < n; j++, k += step) {
    const t = targets[k]!;
    let best = src[k]!;
    let bestD = dist[k]!;
    let bestCost = penalty ? bestD + penalty[best]! : bestD;
    // Propagation: the neighbour's source, shifted back by the neighbour offset.
    const x = t % w;
    if (x + dx >= 0 && x + dx < w) {
      const q = targetOf[t + dx]!;
      if (q >= 0) {
        const s = src[q]! - dx;
        if (s >= 0 && s < total && valid[s] && s !== best) {
          const p = penalty ? penalty[s]! : 0;
          const d = patchDistance(level, radius, t, s, bestCost - p);
          if (d + p < bestCost) {
            bestD = d;
            bestCost = d + p;
            best = s;
          }
        }
      }
    }
    const tv = t + dyw;
    if (tv >= 0 && tv < total) {
      const q = targetOf[tv]!;
      if (q >= 0) {
        const s = src[q]! - dyw;
        if (s >= 0 && s < total && valid[s] && s !== best) {
          const p = penalty ? penalty[s]! : 0;
          const d = patchDistance(level, radius, t, s, bestCost - p);
          if (d + p < bestCost) {
            bestD = d;
            bestCost = d + p;
            best = s;
          }
        }
      }
    }
    // Random search around the current best.
    for (let r = maxRadius; r >= 1; r >>= 1) {
      const bx = best % w;
      const by = (best - bx) / w;
      let sx = bx + Math.floor((rng() * 2 - 1) * r + 0.5);
      let sy = by + Math.floor((rng() * 2 - 1) * r + 0.5);
      sx = sx < xMin ? xMin : sx > xMax ? xMax : sx;
      sy = sy < yMin ? yMin : sy > yMax ? yMax : sy;
      const s = sy * w + sx;
      if (s === best || !valid[s]) continue;
      const p = penalty ? penalty[s]! : 0;
      const d = patchDistance(level, radius, t, s, bestCost - p);
      if (d + p < bestCost) {
        bestD = d;
        bestCost = d + p;
        best = s;
      }
    }
    src[k] = best;
    dist[k] = bestD;
  }
}
