import { EXPORT_THRESHOLD } from './exportMask.ts';

const INF = 1e20;

/** 1-D squared Euclidean distance transform of `f` into `d` (Felzenszwalb & Huttenlocher, 2012). */
function edt1d(f: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  const s = (q: number, p: number) => (f[q]! + q * q - (f[p]! + p * p)) / (2 * q - 2 * p);
  let k = 0;
  v[0] = 0;
  z[0] = -INF;
  z[1] = INF;
  for (let q = 1; q < n; q++) {
    let x = s(q, v[k]!);
    while (x <= z[k]!) x = s(q, v[--k]!);
    k++;
    v[k] = q;
    z[k] = x;
    z[k + 1] = INF;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    const p = v[k]!;
    d[q] = (q - p) * (q - p) + f[p]!;
  }
}

/** Squared distance from each pixel to the nearest pixel where `seed` is true (INF-ish when none). */
export function squaredDistance(
  mask: Uint8Array,
  width: number,
  height: number,
  seed: (v: number) => boolean,
): Float64Array {
  const dist = new Float64Array(width * height);
  for (let i = 0; i < dist.length; i++) dist[i] = seed(mask[i]!) ? 0 : INF;
  const n = Math.max(width, height);
  const f = new Float64Array(n);
  const d = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) f[y] = dist[y * width + x]!;
    edt1d(f, height, d, v, z);
    for (let y = 0; y < height; y++) dist[y * width + x] = d[y]!;
  }
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) f[x] = dist[row + x]!;
    edt1d(f, width, d, v, z);
    for (let x = 0; x < width; x++) dist[row + x] = d[x]!;
  }
  return dist;
}

/**
 * Grows the filled area (pixels ≥ the export threshold) by `radius`: every pixel whose centre is within
 * `radius` of a filled pixel's centre becomes 255. Other pixels keep their value.
 */
export function growMask(mask: Uint8Array, width: number, height: number, radius: number): void {
  const dist = squaredDistance(mask, width, height, (v) => v >= EXPORT_THRESHOLD);
  const r2 = radius * radius;
  for (let i = 0; i < mask.length; i++) if (dist[i]! <= r2) mask[i] = 255;
}

/** Shrinks the filled area by `radius`: every pixel within `radius` of an unfilled pixel becomes 0. */
export function shrinkMask(mask: Uint8Array, width: number, height: number, radius: number): void {
  const dist = squaredDistance(mask, width, height, (v) => v < EXPORT_THRESHOLD);
  const r2 = radius * radius;
  for (let i = 0; i < mask.length; i++) if (dist[i]! <= r2) mask[i] = 0;
}

/** One box blur pass of `radius` along rows (step 1) or columns (step width), edges clamped. */
function boxPass(
  src: Uint8Array,
  dst: Uint8Array,
  width: number,
  height: number,
  radius: number,
  vertical: boolean,
) {
  const lines = vertical ? width : height;
  const len = vertical ? height : width;
  const step = vertical ? width : 1;
  const lineStep = vertical ? 1 : width;
  const size = 2 * radius + 1;
  for (let l = 0; l < lines; l++) {
    const base = l * lineStep;
    const at = (i: number) => src[base + Math.min(len - 1, Math.max(0, i)) * step]!;
    let sum = 0;
    for (let i = -radius; i <= radius; i++) sum += at(i);
    for (let i = 0; i < len; i++) {
      dst[base + i * step] = Math.round(sum / size);
      sum += at(i + radius + 1) - at(i - radius);
    }
  }
}

/** Feathers edges: a separable box blur of `radius`, twice (≈ a Gaussian), edges clamped. */
export function featherMask(mask: Uint8Array, width: number, height: number, radius: number): void {
  const tmp = new Uint8Array(mask.length);
  for (let pass = 0; pass < 2; pass++) {
    boxPass(mask, tmp, width, height, radius, false);
    boxPass(tmp, mask, width, height, radius, true);
  }
}
