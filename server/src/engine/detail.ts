import { CHANNELS, holeBounds, TEXTURE_WEIGHT, type Level } from './level.ts';
import type { Nnf } from './nnf.ts';

/** Radius (px) of the window over which the fill's texture energy is measured, as the sources' is (level.ts). */
const ENERGY_RADIUS = 2;

/**
 * Restores the fine detail the vote averaged away. Overlapping patches that copy from different places
 * average to a softer result than any of them; each hole pixel's own source patch says how much texture
 * belongs there (its texture energy, the mean |∂L| around it). Where the fill's energy is lower, its
 * lightness high band (L − a σ≈1 blur of L) is amplified toward it, at most `maxGain`. Nothing is copied
 * in: smooth sources leave smooth fills alone, and the low band (colour, seams) is untouched. Chroma is
 * left as voted: the eye resolves far less detail in it, and it would triple the cost on large holes.
 */
export function restoreDetail(level: Level, nnf: Nnf, maxGain: number): void {
  const { w, feat, holeList } = level;
  const b = holeBounds(level, ENERGY_RADIUS + 2);
  if (!b || maxGain <= 1) return;
  const bw = b.maxX - b.minX + 1;
  const bh = b.maxY - b.minY + 1;
  const l = new Float32Array(bw * bh);
  for (let y = 0; y < bh; y++) {
    const row = (y + b.minY) * w + b.minX;
    for (let x = 0; x < bw; x++) l[y * bw + x] = feat[(row + x) * CHANNELS]!;
  }
  const low = binomialBlur(l, bw, bh);
  const energy = boxMean(gradientMagnitude(l, bw, bh), bw, bh, ENERGY_RADIUS);
  const lowEnergy = boxMean(gradientMagnitude(low, bw, bh), bw, bh, ENERGY_RADIUS);
  for (let j = 0; j < holeList.length; j++) {
    const p = holeList[j]!;
    const s = nnf.src[nnf.targetOf[p]!]! * CHANNELS;
    const wanted = (feat[s + 3]! + feat[s + 4]!) / TEXTURE_WEIGHT;
    const x = p % w;
    const i = ((p - x) / w - b.minY) * bw + x - b.minX;
    // Energy grows about linearly in the gain: low + gain × (L − low).
    const ratio = (wanted - lowEnergy[i]!) / Math.max(1e-3, energy[i]! - lowEnergy[i]!);
    const gain = ratio < 1 ? 1 : ratio > maxGain ? maxGain : ratio;
    feat[p * CHANNELS] = low[i]! + gain * (l[i]! - low[i]!);
  }
}

/** |∂/∂x| + |∂/∂y| by central differences (halved, as the texture features are); 0 on the border. */
function gradientMagnitude(v: Float32Array, w: number, h: number): Float32Array {
  const g = new Float32Array(w * h);
  for (let y = 1; y < h - 1; y++) {
    for (let i = y * w + 1, end = y * w + w - 1; i < end; i++) {
      g[i] = 0.5 * (Math.abs(v[i + 1]! - v[i - 1]!) + Math.abs(v[i + w]! - v[i - w]!));
    }
  }
  return g;
}

/** Runs a 1-D filter `pass` along every row, then along every column of the result. */
function separable(src: Float32Array, w: number, h: number, pass: LinePass): Float32Array {
  const rows = new Float32Array(src.length);
  for (let y = 0; y < h; y++) pass(src, rows, y * w, 1, w);
  const out = new Float32Array(src.length);
  for (let x = 0; x < w; x++) pass(rows, out, x, w, h);
  return out;
}

/** Filters the `n` samples at base, base + step, … of `src` into the same places of `dst`. */
type LinePass = (src: Float32Array, dst: Float32Array, base: number, step: number, n: number) => void;

/** Mean over the (2r+1)² window clipped to the image. */
const boxMean = (v: Float32Array, w: number, h: number, r: number) =>
  separable(v, w, h, (src, dst, base, step, n) => {
    // Running sum; the divisor is the window's in-bounds length.
    let sum = 0;
    for (let i = 0; i < Math.min(n, r); i++) sum += src[base + i * step]!;
    for (let i = 0; i < n; i++) {
      if (i + r < n) sum += src[base + (i + r) * step]!;
      if (i - r - 1 >= 0) sum -= src[base + (i - r - 1) * step]!;
      dst[base + i * step] = sum / (Math.min(n - 1, i + r) - Math.max(0, i - r) + 1);
    }
  });

/** Separable [1 4 6 4 1]/16 blur (σ ≈ 1), edges clamped. */
const binomialBlur = (v: Float32Array, w: number, h: number) =>
  separable(v, w, h, (src, dst, base, step, n) => {
    const at = (i: number) => src[base + (i < 0 ? 0 : i >= n ? n - 1 : i) * step]!;
    for (let i = 0; i < n; i++) {
      const c = base + i * step;
      dst[c] =
        i >= 2 && i < n - 2
          ? (src[c - 2 * step]! + 4 * (src[c - step]! + src[c + step]!) + 6 * src[c]! + src[c + 2 * step]!) /
            16
          : (at(i - 2) + 4 * (at(i - 1) + at(i + 1)) + 6 * src[c]! + at(i + 2)) / 16;
    }
  });
