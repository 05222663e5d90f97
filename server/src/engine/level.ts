import { rgbaPixelToLab } from './color.ts';
import type { Region } from './region.ts';
import { sharedFloat32, sharedInt32 } from './shared.ts';

/**
 * Feature channels per pixel: L, a, b, then texture energy — the mean |∂L/∂x| and |∂L/∂y| over a small
 * window, scaled by TEXTURE_WEIGHT (Newson et al. 2014). All five are voted into the hole: averaging
 * overlapping patches blurs colours but not texture energy, so matches keep being drawn to textured
 * sources instead of collapsing onto smooth ones.
 */
export const CHANNELS = 5;
export const TEXTURE_WEIGHT = 1.5;
const TEXTURE_RADIUS = 2;

/** One pyramid level of the working region. Colours are voted into `feat` channels 0–2 in place. */
export interface Level {
  w: number;
  h: number;
  feat: Float32Array;
  /** 1 = hole (to fill); everything else is known content. */
  hole: Uint8Array;
  /** Indices of hole pixels. */
  holeList: Int32Array;
}

/** The finest level: the region cropped from the image. Hole pixels are zeroed so the content under the mask can never leak into the fill. */
export function cropLevel(rgba: Uint8Array, mask: Uint8Array, width: number, r: Region): Level {
  const { w, h } = r;
  const feat = sharedFloat32(w * h * CHANNELS);
  const hole = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const src = (r.y0 + y) * width + r.x0 + x;
      if (mask[src]) hole[i] = 1;
      else rgbaPixelToLab(rgba, src * 4, feat, i * CHANNELS);
    }
  }
  textureFeatures(feat, hole, w, h);
  return { w, h, feat, hole, holeList: listHoles(hole) };
}

/** Halves a level: known colours are averaged over known children; a parent is a hole if any child is. */
export function downsampleLevel(fine: Level): Level {
  const w = Math.ceil(fine.w / 2);
  const h = Math.ceil(fine.h / 2);
  const feat = sharedFloat32(w * h * CHANNELS);
  const hole = new Uint8Array(w * h);
  const fw = fine.w;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let l = 0;
      let a = 0;
      let b = 0;
      let tx = 0;
      let ty = 0;
      let n = 0;
      let anyHole = 0;
      for (let dy = 0; dy < 2; dy++) {
        const fy = y * 2 + dy;
        if (fy >= fine.h) continue;
        for (let dx = 0; dx < 2; dx++) {
          const fx = x * 2 + dx;
          if (fx >= fw) continue;
          const fi = fy * fw + fx;
          if (fine.hole[fi]) {
            anyHole = 1;
            continue;
          }
          l += fine.feat[fi * CHANNELS]!;
          a += fine.feat[fi * CHANNELS + 1]!;
          b += fine.feat[fi * CHANNELS + 2]!;
          tx += fine.feat[fi * CHANNELS + 3]!;
          ty += fine.feat[fi * CHANNELS + 4]!;
          n++;
        }
      }
      const i = y * w + x;
      hole[i] = anyHole;
      if (!anyHole) {
        feat[i * CHANNELS] = l / n;
        feat[i * CHANNELS + 1] = a / n;
        feat[i * CHANNELS + 2] = b / n;
        feat[i * CHANNELS + 3] = tx / n;
        feat[i * CHANNELS + 4] = ty / n;
      }
    }
  }
  return { w, h, feat, hole, holeList: listHoles(hole) };
}

function listHoles(hole: Uint8Array): Int32Array {
  let n = 0;
  for (let i = 0; i < hole.length; i++) n += hole[i]!;
  const list = sharedInt32(n);
  let k = 0;
  for (let i = 0; i < hole.length; i++) if (hole[i]) list[k++] = i;
  return list;
}

/**
 * Texture energy of known pixels from known pixels only (a gradient needs both neighbours known, the window
 * mean counts only such gradients), so the hole's placeholder values never leak in.
 */
function textureFeatures(feat: Float32Array, hole: Uint8Array, w: number, h: number): void {
  const gx = new Float32Array(w * h);
  const gy = new Float32Array(w * h);
  const okx = new Uint8Array(w * h);
  const oky = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (x > 0 && x < w - 1 && !hole[i - 1] && !hole[i + 1]) {
        gx[i] = Math.abs(feat[(i + 1) * CHANNELS]! - feat[(i - 1) * CHANNELS]!) * 0.5;
        okx[i] = 1;
      }
      if (y > 0 && y < h - 1 && !hole[i - w] && !hole[i + w]) {
        gy[i] = Math.abs(feat[(i + w) * CHANNELS]! - feat[(i - w) * CHANNELS]!) * 0.5;
        oky[i] = 1;
      }
    }
  }
  boxMean(gx, okx, w, h, feat, 3);
  boxMean(gy, oky, w, h, feat, 4);
  for (let i = 0; i < w * h; i++) {
    if (hole[i]) {
      feat[i * CHANNELS + 3] = 0;
      feat[i * CHANNELS + 4] = 0;
    }
  }
}

/** Mean of `v` over the valid pixels of a (2·TEXTURE_RADIUS+1)² window, times TEXTURE_WEIGHT, into channel `c`. */
function boxMean(v: Float32Array, ok: Uint8Array, w: number, h: number, feat: Float32Array, c: number): void {
  const sat = new Float64Array((w + 1) * (h + 1));
  const cnt = new Int32Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let rs = 0;
    let rc = 0;
    for (let x = 0; x < w; x++) {
      rs += v[y * w + x]!;
      rc += ok[y * w + x]!;
      sat[(y + 1) * (w + 1) + x + 1] = sat[y * (w + 1) + x + 1]! + rs;
      cnt[(y + 1) * (w + 1) + x + 1] = cnt[y * (w + 1) + x + 1]! + rc;
    }
  }
  const r = TEXTURE_RADIUS;
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(w, x + r + 1);
      const a = y1 * (w + 1) + x1;
      const b = y0 * (w + 1) + x1;
      const d = y1 * (w + 1) + x0;
      const e = y0 * (w + 1) + x0;
      const n = cnt[a]! - cnt[b]! - cnt[d]! + cnt[e]!;
      feat[(y * w + x) * CHANNELS + c] = n
        ? (TEXTURE_WEIGHT * (sat[a]! - sat[b]! - sat[d]! + sat[e]!)) / n
        : 0;
    }
  }
}

/** The hole's bounding box grown by `pad` and clipped to the level (inclusive); null for no hole. */
export function holeBounds(
  level: Level,
  pad: number,
): { minX: number; minY: number; maxX: number; maxY: number } | null {
  const { w, h, holeList } = level;
  if (holeList.length === 0) return null;
  let minX = w;
  let minY = h;
  let maxX = -1;
  let maxY = -1;
  for (let j = 0; j < holeList.length; j++) {
    const p = holeList[j]!;
    const x = p % w;
    const y = (p - x) / w;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return {
    minX: Math.max(0, minX - pad),
    minY: Math.max(0, minY - pad),
    maxX: Math.min(w - 1, maxX + pad),
    maxY: Math.min(h - 1, maxY + pad),
  };
}
