import { FillCancelled, type FillHooks, type FillImage } from './types.ts';

/**
 * Multi-scale membrane (harmonic) fill: each hole pixel becomes the average of its neighbours, solved
 * coarse-to-fine so large holes converge. Fast and seam-free but smooth; good for thin scratches.
 */
export function diffusionFill(image: FillImage, mask: Uint8Array, hooks: FillHooks = {}): FillImage {
  const { width, height } = image;
  const hole = new Uint8Array(width * height);
  for (let i = 0; i < hole.length; i++) hole[i] = mask[i] ? 1 : 0;
  const rgb = toFloat(image.rgba, width * height);
  solve(rgb, hole, width, height, hooks, 0, 1);
  const out = new Uint8Array(image.rgba);
  for (let i = 0; i < width * height; i++) {
    if (!hole[i]) continue;
    out[i * 4] = clamp(rgb[i * 3]!);
    out[i * 4 + 1] = clamp(rgb[i * 3 + 1]!);
    out[i * 4 + 2] = clamp(rgb[i * 3 + 2]!);
    out[i * 4 + 3] = 255;
  }
  return { width, height, rgba: out };
}

function toFloat(rgba: Uint8Array, n: number): Float32Array {
  const rgb = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    rgb[i * 3] = rgba[i * 4]!;
    rgb[i * 3 + 1] = rgba[i * 4 + 1]!;
    rgb[i * 3 + 2] = rgba[i * 4 + 2]!;
  }
  return rgb;
}

/**
 * Membrane-fills a 3-channel float image in place where `state` is 1; 0 = known (boundary values), 2 =
 * ignored (neither solved nor used as a neighbour, e.g. known pixels far from the hole). No hooks; used
 * inside the engine.
 */
export function membraneFill(
  values: Float32Array,
  state: Uint8Array,
  w: number,
  h: number,
  sweeps = SWEEPS,
  largeSweeps = sweeps,
): void {
  solve(values, state, w, h, {}, 0, 1, sweeps, largeSweeps);
}

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** Gauss–Seidel sweeps per multigrid level (the coarsest, ≤ 8 px, gets ten times as many). */
const SWEEPS = 40;
/** Levels with more unknowns than this may take fewer sweeps (`largeSweeps`): the coarse levels carry the solution. */
const LARGE_LEVEL = 1 << 18;
const KNOWN = 0;
const UNKNOWN = 1;
const IGNORED = 2;

/** Fills `rgb` where `state` is UNKNOWN; recursion gives a coarse initial guess. Progress covers [p0, p1]. */
function solve(
  rgb: Float32Array,
  state: Uint8Array,
  w: number,
  h: number,
  hooks: FillHooks,
  p0: number,
  p1: number,
  sweeps = SWEEPS,
  largeSweeps = sweeps,
): void {
  let holeCount = 0;
  for (let i = 0; i < state.length; i++) if (state[i] === UNKNOWN) holeCount++;
  if (holeCount === 0) return;
  const unknown = new Int32Array(holeCount);
  for (let i = 0, k = 0; i < state.length; i++) if (state[i] === UNKNOWN) unknown[k++] = i;
  const mid = p0 + (p1 - p0) * 0.5;
  if (w > 8 && h > 8) {
    const cw = Math.ceil(w / 2);
    const ch = Math.ceil(h / 2);
    const crgb = new Float32Array(cw * ch * 3);
    const cstate = new Uint8Array(cw * ch);
    downsample(rgb, state, w, h, crgb, cstate, cw, ch);
    solve(crgb, cstate, cw, ch, hooks, p0, mid, sweeps, largeSweeps);
    for (let k = 0; k < unknown.length; k++) {
      const i = unknown[k]!;
      const x = i % w;
      const c = ((((i - x) / w) >> 1) * cw + (x >> 1)) * 3;
      rgb[i * 3] = crgb[c]!;
      rgb[i * 3 + 1] = crgb[c + 1]!;
      rgb[i * 3 + 2] = crgb[c + 2]!;
    }
  } else {
    seedWithMeanOfKnown(rgb, state);
  }
  const iterations = w <= 8 || h <= 8 ? 10 * SWEEPS : holeCount > LARGE_LEVEL ? largeSweeps : sweeps;
  for (let it = 0; it < iterations; it++) {
    if (it % 10 === 0) {
      if (hooks.isCancelled?.()) throw new FillCancelled();
      hooks.onProgress?.(mid + ((p1 - mid) * it) / iterations);
    }
    relax(rgb, state, unknown, w, h);
  }
}

/**
 * 2×2 → 1: a coarse pixel is known (the mean of its known children) when any child is known, else
 * unknown when any child is, else ignored.
 */
function downsample(
  rgb: Float32Array,
  state: Uint8Array,
  w: number,
  h: number,
  out: Float32Array,
  outState: Uint8Array,
  cw: number,
  ch: number,
): void {
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      let anyUnknown = false;
      for (let dy = 0; dy < 2; dy++) {
        for (let dx = 0; dx < 2; dx++) {
          const x = cx * 2 + dx;
          const y = cy * 2 + dy;
          if (x >= w || y >= h) continue;
          const i = y * w + x;
          const s = state[i];
          if (s === UNKNOWN) anyUnknown = true;
          if (s !== KNOWN) continue;
          r += rgb[i * 3]!;
          g += rgb[i * 3 + 1]!;
          b += rgb[i * 3 + 2]!;
          n++;
        }
      }
      const c = cy * cw + cx;
      outState[c] = n > 0 ? KNOWN : anyUnknown ? UNKNOWN : IGNORED;
      if (n > 0) {
        out[c * 3] = r / n;
        out[c * 3 + 1] = g / n;
        out[c * 3 + 2] = b / n;
      }
    }
  }
}

function seedWithMeanOfKnown(rgb: Float32Array, state: Uint8Array): void {
  const sum = [0, 0, 0];
  let n = 0;
  for (let i = 0; i < state.length; i++) {
    if (state[i] !== KNOWN) continue;
    sum[0]! += rgb[i * 3]!;
    sum[1]! += rgb[i * 3 + 1]!;
    sum[2]! += rgb[i * 3 + 2]!;
    n++;
  }
  const mean = n ? sum.map((s) => s / n) : [128, 128, 128];
  for (let i = 0; i < state.length; i++) {
    if (state[i] !== UNKNOWN) continue;
    rgb[i * 3] = mean[0]!;
    rgb[i * 3 + 1] = mean[1]!;
    rgb[i * 3 + 2] = mean[2]!;
  }
}

/** One Gauss–Seidel sweep of the discrete Laplace equation over the unknown pixels (in raster order). */
function relax(rgb: Float32Array, state: Uint8Array, unknown: Int32Array, w: number, h: number): void {
  for (let k = 0; k < unknown.length; k++) {
    const i = unknown[k]!;
    const x = i % w;
    let r = 0;
    let g = 0;
    let b = 0;
    let n = 0;
    if (x > 0 && state[i - 1] !== IGNORED) {
      r += rgb[(i - 1) * 3]!;
      g += rgb[(i - 1) * 3 + 1]!;
      b += rgb[(i - 1) * 3 + 2]!;
      n++;
    }
    if (x < w - 1 && state[i + 1] !== IGNORED) {
      r += rgb[(i + 1) * 3]!;
      g += rgb[(i + 1) * 3 + 1]!;
      b += rgb[(i + 1) * 3 + 2]!;
      n++;
    }
    if (i >= w && state[i - w] !== IGNORED) {
      r += rgb[(i - w) * 3]!;
      g += rgb[(i - w) * 3 + 1]!;
      b += rgb[(i - w) * 3 + 2]!;
      n++;
    }
    if (i + w < w * h && state[i + w] !== IGNORED) {
      r += rgb[(i + w) * 3]!;
      g += rgb[(i + w) * 3 + 1]!;
      b += rgb[(i + w) * 3 + 2]!;
      n++;
    }
    if (n) {
      rgb[i * 3] = r / n;
      rgb[i * 3 + 1] = g / n;
      rgb[i * 3 + 2] = b / n;
    }
  }
}
