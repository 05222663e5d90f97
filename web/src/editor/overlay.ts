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
  const alpha = color.a;
  const cov = live?.coverage;
  const paint = live?.mode !== 'erase';
  let o = 0;
  for (let y = area.y; y < area.y + area.h; y++) {
    const row = y * imageWidth;
    const crow = cov ? (y - cov.rect.y) * cov.rect.w - cov.rect.x : 0;
    for (let x = area.x; x < area.x + area.w; x++) {
      let m = mask[row + x] ?? 0;
      if (cov) {
        const c = cov.data[crow + x] ?? 0;
        if (c !== 0) m = paint ? m + Math.round((c * (255 - m)) / 255) : Math.round((m * (255 - c)) / 255);
      }
      out[o] = color.r;
      out[o + 1] = color.g;
      out[o + 2] = color.b;
      out[o + 3] = m * alpha;
      o += 4;
    }
  }
  return out;
}
