import { CHANNELS, type Level } from './level.ts';
import { patchArea, type Nnf } from './nnf.ts';

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
 * Expectation step, gathered per pixel: each pixel of `pixels[from..to)` becomes the weighted mean of the
 * colours that the target patches covering it (within `voteRadius` of it) copy from their sources. Sources
 * never overlap the hole, so hole pixels can be written in place (`out` null; a pixel without votes keeps
 * its value) in any order or split — the result is the same however the list is divided between threads.
 * With `out`, pixel j's mean of the first 3 channels and its total weight go to out[4j..4j+3] instead (the
 * known ring, for the boundary blend).
 */
export function gatherVotes(
  nnf: Nnf,
  level: Level,
  radius: number,
  weights: Float32Array,
  pixels: Int32Array,
  from: number,
  to: number,
  channels: number,
  out: Float32Array | null,
  voteRadius = radius,
): void {
  const { w, h, feat } = level;
  const { targetOf, src } = nnf;
  const r = Math.min(radius, voteRadius);
  const all = channels > 3;
  for (let j = from; j < to; j++) {
    const p = pixels[j]!;
    const px = p % w;
    const py = (p - px) / w;
    // Offsets (dx, dy) of p inside a target patch centred at p − (dx, dy), kept inside the level.
    const dy0 = py + r >= h ? py - h + 1 : -r;
    const dy1 = py < r ? py : r;
    const dx0 = px + r >= w ? px - w + 1 : -r;
    const dx1 = px < r ? px : r;
    let wsum = 0;
    // Local sums (not an array): this loop is the engine's hottest on large holes.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    for (let dy = dy0; dy <= dy1; dy++) {
      const rowT = p - dy * w;
      const off = dy * w;
      for (let dx = dx0; dx <= dx1; dx++) {
        const k = targetOf[rowT - dx]!;
        if (k < 0) continue;
        const wt = weights[k]!;
        if (wt <= 0) continue;
        const q = (src[k]! + off + dx) * CHANNELS;
        s0 += wt * feat[q]!;
        s1 += wt * feat[q + 1]!;
        s2 += wt * feat[q + 2]!;
        if (all) {
          s3 += wt * feat[q + 3]!;
          s4 += wt * feat[q + 4]!;
        }
        wsum += wt;
      }
    }
    if (out) {
      const o = j * 4;
      out[o] = wsum > 0 ? s0 / wsum : 0;
      out[o + 1] = wsum > 0 ? s1 / wsum : 0;
      out[o + 2] = wsum > 0 ? s2 / wsum : 0;
      out[o + 3] = wsum;
    } else if (wsum > 0) {
      const a = p * CHANNELS;
      feat[a] = s0 / wsum;
      feat[a + 1] = s1 / wsum;
      feat[a + 2] = s2 / wsum;
      if (all) {
        feat[a + 3] = s3 / wsum;
        feat[a + 4] = s4 / wsum;
      }
    }
  }
}
