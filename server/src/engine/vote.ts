import { CHANNELS, type Level } from './level.ts';
import { patchArea, type Nnf } from './nnf.ts';

/** Reusable accumulators for one level. */
export interface VoteBuffers {
  acc: Float32Array;
  weight: Float32Array;
  /** Per-target weight of the current vote. */
  targetWeight: Float32Array;
}

export function createVoteBuffers(level: Level, nnf: Nnf): VoteBuffers {
  const n = level.w * level.h;
  return {
    acc: new Float32Array(n * CHANNELS),
    weight: new Float32Array(n),
    targetWeight: new Float32Array(nnf.targets.length),
  };
}

/**
 * Per-target vote weights (Wexler et al.): similarity exp(-d / 2σ²), σ² the 75th percentile of the
 * per-pixel patch distances, times a confidence that decays with the patch centre's depth into the hole
 * (patches anchored in known content are trusted more). `similarity` false gives confidence only.
 */
export function computeWeights(
  nnf: Nnf,
  level: Level,
  radius: number,
  confidence: Float32Array,
  similarity: boolean,
  out: Float32Array,
  percentile = 0.75,
  power = 1,
): void {
  const { w, h } = level;
  const n = nnf.targets.length;
  let sigma2 = 1;
  if (similarity) {
    const stride = Math.max(1, Math.floor(n / 4096));
    const sample: number[] = [];
    for (let k = 0; k < n; k += stride) {
      sample.push(nnf.dist[k]! / patchArea(w, h, radius, nnf.targets[k]!));
    }
    sample.sort((a, b) => a - b);
    sigma2 = Math.max(1e-3, sample[Math.floor(sample.length * percentile)] ?? 1);
  }
  for (let k = 0; k < n; k++) {
    const t = nnf.targets[k]!;
    const c = confidence[t]!;
    const v = similarity ? c * Math.exp(-nnf.dist[k]! / patchArea(w, h, radius, t) / (2 * sigma2)) : c;
    out[k] = power === 1 ? v : Math.pow(v, power);
  }
}

/**
 * Expectation step: every target patch votes its source's colours into the hole pixels it covers; each hole
 * pixel becomes the weighted mean. `extra` pixels (known, e.g. a ring around the hole) also receive votes
 * into `bufs` without being overwritten, for the boundary blend.
 */
export function vote(nnf: Nnf, level: Level, radius: number, bufs: VoteBuffers, mark: Uint8Array): void {
  const { w, h, feat } = level;
  const { acc, weight, targetWeight } = bufs;
  const { targets, src } = nnf;
  for (let k = 0; k < targets.length; k++) {
    const wt = targetWeight[k]!;
    if (wt <= 0) continue;
    const t = targets[k]!;
    const s = src[k]!;
    const tx = t % w;
    const ty = (t - tx) / w;
    const y0 = ty < radius ? -ty : -radius;
    const y1 = ty + radius >= h ? h - 1 - ty : radius;
    const x0 = tx < radius ? -tx : -radius;
    const x1 = tx + radius >= w ? w - 1 - tx : radius;
    for (let dy = y0; dy <= y1; dy++) {
      const rowT = t + dy * w;
      const rowS = s + dy * w;
      for (let dx = x0; dx <= x1; dx++) {
        const p = rowT + dx;
        if (!mark[p]) continue;
        const q = (rowS + dx) * CHANNELS;
        const a = p * CHANNELS;
        for (let c = 0; c < CHANNELS; c++) acc[a + c] = acc[a + c]! + wt * feat[q + c]!;
        weight[p] = weight[p]! + wt;
      }
    }
  }
}

/** Writes the voted means into the hole pixels and clears the accumulators there. */
export function resolveVotes(level: Level, bufs: VoteBuffers): void {
  const { feat, holeList } = level;
  const { acc, weight } = bufs;
  for (let j = 0; j < holeList.length; j++) {
    const p = holeList[j]!;
    const wsum = weight[p]!;
    const a = p * CHANNELS;
    for (let c = 0; c < CHANNELS; c++) {
      if (wsum > 0) feat[a + c] = acc[a + c]! / wsum;
      acc[a + c] = 0;
    }
    weight[p] = 0;
  }
}
