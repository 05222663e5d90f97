import type { Rect } from './rect.ts';
import type { Coverage } from './stamp.ts';

export interface OverlayColor {
  r: number;
  g: number;
  b: number;
  /** Opacity of a fully masked pixel, 0..1. */
  a: number;
}

export const DEFAULT_OVERLAY: OverlayColor = { r: 255, g: 64, b: 129, a: 0.5 };

export interface LiveLayer {
  coverage: Coverage;
  mode: 'paint' | 'erase';
}

/**
 * RGBA pixels of the mask overlay for `area`: the committed mask with the live stroke composited on top,
 * exactly as it will be committed (so what you see while drawing is what you get).
 */
export function overlayPixels(
  mask: Uint8Array,
  imageWidth: number,
  area: Rect,
  color: OverlayColor,
  live: LiveLayer | null,
  out = new Uint8ClampedArray(area.w * area.h * 4),
): Uint8ClampedArray<ArrayBuffer> {
  // One 32-bit write per pixel from a 256-entry table (byte order: the platform's, as typed arrays use).
  const lut = overlayLut(color);
  const out32 = new Uint32Array(out.buffer, out.byteOffset, area.w * area.h);
  const cov = live?.coverage;
  const paint = live?.mode !== 'erase';
  let o = 0;
  for (let y = area.y; y < area.y + area.h; y++) {
    const row = y * imageWidth;
    if (!cov) {
      for (let x = area.x; x < area.x + area.w; x++) out32[o++] = lut[mask[row + x]!]!;
      continue;
    }
    const crow = (y - cov.rect.y) * cov.rect.w - cov.rect.x;
    for (let x = area.x; x < area.x + area.w; x++) {
      let m = mask[row + x] ?? 0;
      const c = cov.data[crow + x] ?? 0;
      if (c !== 0) m = paint ? m + Math.round((c * (255 - m)) / 255) : Math.round((m * (255 - c)) / 255);
      out32[o++] = lut[m]!;
    }
  }
  return out;
}

let lutKey = '';
let lutCache = new Uint32Array(256);

/** RGBA for each mask value 0..255, packed as the platform's 32-bit words. */
function overlayLut(color: OverlayColor): Uint32Array {
  const key = `${color.r},${color.g},${color.b},${color.a}`;
  if (key === lutKey) return lutCache;
  const bytes = new Uint8ClampedArray(256 * 4);
  for (let m = 0; m < 256; m++) {
    bytes[4 * m] = color.r;
    bytes[4 * m + 1] = color.g;
    bytes[4 * m + 2] = color.b;
    bytes[4 * m + 3] = m * color.a;
  }
  lutCache = new Uint32Array(bytes.buffer);
  lutKey = key;
  return lutCache;
}
