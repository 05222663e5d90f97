import { CHANNELS, holeBounds, TEXTURE_WEIGHT, type Level } from './level.ts';
import type { Nnf } from './nnf.ts';

/** Radius (px) of the window over which the fill's texture energy is measured, as the sources' is (level.ts). */
const ENERGY_RADIUS = 2;

/**
 * Restores the fine detail the vote averaged away. Overlapping patches that copy from different places
 * average to a softer result than any of them; each hole pixel's own source patch says how much texture
 * belongs there (its texture energy, the mean |∂L| around it). Where the fill's energy is lower, its
 * high band (fill − a σ≈1 blur of it) is amplified by the ratio, at most `maxGain`. Nothing is copied
 * in: smooth sources leave smooth fills alone, and the low band (colour, seams) is untouched.
 */
export function restoreDetail(level: Level, nnf: Nnf, maxGain: number): void {
  const { w, feat, holeList } = level;
  const b = holeBounds(level, ENERGY_RADIUS + 2);
  if (!b || maxGain <= 1) return;
  const bw = b.maxX - b.minX + 1;
  const bh = b.maxY - b.minY + 1;
  const lab = new Float32Array(bw * bh * 3);
  for (let y = 0; y < bh; y++)
    for (let x = 0; x < bw; x++) {
      const p = (y + b.minY) * w + x + b.minX;
      for (let c = 0; c < 3; c++) lab[(y * bw + x) * 3 + c] = feat[p * CHANNELS + c]!;
    }
  const low = binomialBlur(lab, bw, bh);
  const energy = boxMean(lightnessGradient(lab, bw, bh), bw, bh, ENERGY_RADIUS);
  const lowEnergy = boxMean(lightnessGradient(low, bw, bh), bw, bh, ENERGY_RADIUS);
  for (let j = 0; j < holeList.length; j++) {
    const p = holeList[j]!;
    const s = nnf.src[nnf.targetOf[p]!]!;
    const wanted = (feat[s * CHANNELS + 3]! + feat[s * CHANNELS + 4]!) / TEXTURE_WEIGHT;
    const x = p % w;
    const i = ((p - x) / w - b.minY) * bw + x - b.minX;
    // Energy grows about linearly in the gain: low + gain × (fill − low).
    const gain = Math.min(
      maxGain,
      Math.max(1, (wanted - lowEnergy[i]!) / Math.max(1e-3, energy[i]! - lowEnergy[i]!)),
    );
    for (let c = 0; c < 3; c++) {
      const q = i * 3 + c;
      feat[p * CHANNELS + c] = low[q]! + gain * (lab[q]! - low[q]!);
    }
  }
}

/** |∂L/∂x| + |∂L/∂y| by central differences (halved, as the texture features are); 0 on the border. */
function lightnessGradient(lab: Float32Array, w: number, h: number): Float32Array {
  const g = new Float32Array(w * h);
  for (let y = 1; y < h - 1; y++)
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      g[i] =
        0.5 * Math.abs(lab[(i + 1) * 3]! - lab[(i - 1) * 3]!) +
        0.5 * Math.abs(lab[(i + w) * 3]! - lab[(i - w) * 3]!);
    }
  return g;
}

/** Mean over the (2r+1)² window clipped to the image, by running sums along rows then columns. */
function boxMean(v: Float32Array, w: number, h: number, r: number): Float32Array {
  const rows = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    let sum = 0;
    for (let x = -r; x < w + r; x++) {
      if (x + r < w && x + r >= 0) sum += v[y * w + x + r]!;
      if (x - r - 1 >= 0 && x - r - 1 < w) sum -= v[y * w + x - r - 1]!;
      if (x >= 0 && x < w) rows[y * w + x] = sum / (Math.min(w - 1, x + r) - Math.max(0, x - r) + 1);
    }
  }
  const out = new Float32Array(w * h);
  for (let x = 0; x < w; x++) {
    let sum = 0;
    for (let y = -r; y < h + r; y++) {
      if (y + r < h && y + r >= 0) sum += rows[(y + r) * w + x]!;
      if (y - r - 1 >= 0 && y - r - 1 < h) sum -= rows[(y - r - 1) * w + x]!;
      if (y >= 0 && y < h) out[y * w + x] = sum / (Math.min(h - 1, y + r) - Math.max(0, y - r) + 1);
    }
  }
  return out;
}

/** Separable [1 4 6 4 1]/16 blur (σ ≈ 1) of a 3-channel image, edges clamped. */
function binomialBlur(src: Float32Array, w: number, h: number): Float32Array {
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  blurLine(src, tmp, w, h, 3, w * 3);
  blurLine(tmp, out, h, w, w * 3, 3);
  return out;
}

/** 5-tap binomial along `n` samples `step` apart, for each of `lines` lines `stride` apart (3 channels each). */
function blurLine(
  src: Float32Array,
  dst: Float32Array,
  n: number,
  lines: number,
  step: number,
  stride: number,
) {
  for (let line = 0; line < lines; line++) {
    const base = line * stride;
    for (let i = 0; i < n; i++) {
      const a = base + Math.max(0, i - 2) * step;
      const b = base + Math.max(0, i - 1) * step;
      const c = base + i * step;
      const d = base + Math.min(n - 1, i + 1) * step;
      const e = base + Math.min(n - 1, i + 2) * step;
      for (let k = 0; k < 3; k++)
        dst[c + k] = (src[a + k]! + 4 * src[b + k]! + 6 * src[c + k]! + 4 * src[d + k]! + src[e + k]!) / 16;
    }
  }
}
