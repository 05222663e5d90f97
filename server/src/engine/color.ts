/**
 * sRGB ↔ CIE Lab (D65). Patch distances are measured in Lab so that equal steps look equally different;
 * a lookup table keeps the forward conversion cheap.
 */
const SRGB_TO_LINEAR = new Float32Array(256);
for (let i = 0; i < 256; i++) {
  const c = i / 255;
  SRGB_TO_LINEAR[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

const XN = 0.95047;
const ZN = 1.08883;
const EPS = 216 / 24389;
const KAPPA = 24389 / 27;

const f = (t: number) => (t > EPS ? Math.cbrt(t) : (KAPPA * t + 16) / 116);
const finv = (t: number) => {
  const t3 = t * t * t;
  return t3 > EPS ? t3 : (116 * t - 16) / KAPPA;
};
const encodeExact = (c: number) => {
  const v = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
  const b = Math.round(v * 255);
  return b < 0 ? 0 : b > 255 ? 255 : b;
};
/** Linear → sRGB byte by table (a power per channel dominated writing large fills); steps of 1/16383 stay within half a level. */
const ENCODE_STEPS = 16383;
const ENCODE = new Uint8Array(ENCODE_STEPS + 1);
for (let i = 0; i <= ENCODE_STEPS; i++) ENCODE[i] = encodeExact(i / ENCODE_STEPS);
const encode = (c: number) => (c <= 0 ? 0 : c >= 1 ? 255 : ENCODE[Math.round(c * ENCODE_STEPS)]!);

/** Writes L, a, b of RGBA pixel `src` into `out[dst..dst+2]`. */
export function rgbaPixelToLab(rgba: Uint8Array, src: number, out: Float32Array, dst: number): void {
  const r = SRGB_TO_LINEAR[rgba[src]!]!;
  const g = SRGB_TO_LINEAR[rgba[src + 1]!]!;
  const b = SRGB_TO_LINEAR[rgba[src + 2]!]!;
  const fx = f((0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / XN);
  const fy = f(0.2126729 * r + 0.7151522 * g + 0.072175 * b);
  const fz = f((0.0193339 * r + 0.119192 * g + 0.9503041 * b) / ZN);
  out[dst] = 116 * fy - 16;
  out[dst + 1] = 500 * (fx - fy);
  out[dst + 2] = 200 * (fy - fz);
}

/** Writes the sRGB bytes of Lab `lab[src..src+2]` into `rgba[dst..dst+2]`. */
export function labToRgbaPixel(lab: Float32Array, src: number, rgba: Uint8Array, dst: number): void {
  const fy = (lab[src]! + 16) / 116;
  const x = finv(fy + lab[src + 1]! / 500) * XN;
  const y = finv(fy);
  const z = finv(fy - lab[src + 2]! / 200) * ZN;
  rgba[dst] = encode(3.2404542 * x - 1.5371385 * y - 0.4985314 * z);
  rgba[dst + 1] = encode(-0.969266 * x + 1.8760108 * y + 0.041556 * z);
  rgba[dst + 2] = encode(0.0556434 * x - 0.2040259 * y + 1.0572252 * z);
}
