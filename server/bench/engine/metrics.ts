/** Inpainting metrics restricted to the hole: PSNR, SSIM (luma, Gaussian σ 1.5) and the texture ratio. */
export interface HoleMetrics {
  psnr: number;
  ssim: number;
  /** Mean gradient magnitude in the hole, result over ground truth (1 = as much texture as the original). */
  texture: number;
}

export function holeMetrics(
  result: Uint8Array,
  truth: Uint8Array,
  mask: Uint8Array,
  w: number,
  h: number,
): HoleMetrics {
  let se = 0;
  let n = 0;
  for (let i = 0; i < w * h; i++) {
    if (!mask[i]) continue;
    for (let c = 0; c < 3; c++) {
      const d = result[i * 4 + c]! - truth[i * 4 + c]!;
      se += d * d;
    }
    n++;
  }
  const mse = se / (n * 3);
  const psnr = mse === 0 ? 99 : 10 * Math.log10((255 * 255) / mse);
  const a = luma(result, w * h);
  const b = luma(truth, w * h);
  return {
    psnr,
    ssim: holeSsim(a, b, mask, w, h),
    texture: meanGradient(a, mask, w, h) / meanGradient(b, mask, w, h),
  };
}

function luma(rgba: Uint8Array, n: number): Float32Array {
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++)
    y[i] = 0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!;
  return y;
}

function meanGradient(y: Float32Array, mask: Uint8Array, w: number, h: number): number {
  let sum = 0;
  let n = 0;
  for (let yy = 1; yy < h - 1; yy++) {
    for (let x = 1; x < w - 1; x++) {
      const i = yy * w + x;
      if (!mask[i]) continue;
      const gx = (y[i + 1]! - y[i - 1]!) / 2;
      const gy = (y[i + w]! - y[i - w]!) / 2;
      sum += Math.sqrt(gx * gx + gy * gy);
      n++;
    }
  }
  return n ? sum / n : 0;
}

const KERNEL = (() => {
  const k = new Float32Array(11);
  let s = 0;
  for (let i = 0; i < 11; i++) s += k[i] = Math.exp(-((i - 5) ** 2) / (2 * 1.5 * 1.5));
  for (let i = 0; i < 11; i++) k[i] = k[i]! / s;
  return k;
})();

function blur(src: Float32Array, w: number, h: number): Float32Array {
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = -5; k <= 5; k++) s += KERNEL[k + 5]! * src[y * w + Math.min(w - 1, Math.max(0, x + k))]!;
      tmp[y * w + x] = s;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = -5; k <= 5; k++) s += KERNEL[k + 5]! * tmp[Math.min(h - 1, Math.max(0, y + k)) * w + x]!;
      out[y * w + x] = s;
    }
  }
  return out;
}

function holeSsim(a: Float32Array, b: Float32Array, mask: Uint8Array, w: number, h: number): number {
  const n = w * h;
  const aa = new Float32Array(n);
  const bb = new Float32Array(n);
  const ab = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    aa[i] = a[i]! * a[i]!;
    bb[i] = b[i]! * b[i]!;
    ab[i] = a[i]! * b[i]!;
  }
  const [ma, mb, saa, sbb, sab] = [a, b, aa, bb, ab].map((x) => blur(x, w, h)) as [
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
  ];
  const c1 = (0.01 * 255) ** 2;
  const c2 = (0.03 * 255) ** 2;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (!mask[i]) continue;
    const mua = ma[i]!;
    const mub = mb[i]!;
    const va = saa[i]! - mua * mua;
    const vb = sbb[i]! - mub * mub;
    const cov = sab[i]! - mua * mub;
    sum += ((2 * mua * mub + c1) * (2 * cov + c2)) / ((mua * mua + mub * mub + c1) * (va + vb + c2));
    count++;
  }
  return count ? sum / count : 1;
}
