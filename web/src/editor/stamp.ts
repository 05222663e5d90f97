import { clipRect, type Rect } from './rect.ts';

/**
 * A coverage buffer: `data` holds `rect.w × rect.h` values (0..255) for the image area `rect`.
 * The live stroke uses one the size of the image; a replayed stroke uses one the size of its bounds.
 */
export interface Coverage {
  data: Uint8Array;
  rect: Rect;
}

/** Coverage (0..255) of a pixel whose centre lies `d` from the brush spine, for radius `r`. */
function falloff(d: number, r: number, hardness: number): number {
  if (d > r) return 0;
  const inner = r * hardness;
  if (d <= inner) return 255;
  return Math.round((255 * (r - d)) / (r - inner));
}

/**
 * Stamps a capsule (a disc swept from a to b, its radius going from width/2 to widthB/2) into `cov`, keeping the maximum so that overlapping
 * segments of one stroke never build up. A pixel is covered when its centre lies within the radius.
 * Returns the touched image rectangle, or null.
 */
export function stampSegment(
  cov: Coverage,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  width: number,
  hardness: number,
  /** The width at b when it differs from a (pen pressure): the radius is interpolated along the segment. */
  widthB = width,
): Rect | null {
  const ra = width / 2;
  const rb = widthB / 2;
  const r = Math.max(ra, rb);
  const bounds = clipRect(
    {
      x: Math.floor(Math.min(ax, bx) - r),
      y: Math.floor(Math.min(ay, by) - r),
      w: Math.ceil(Math.abs(bx - ax) + 2 * r) + 2,
      h: Math.ceil(Math.abs(by - ay) + 2 * r) + 2,
    },
    cov.rect.x + cov.rect.w,
    cov.rect.y + cov.rect.h,
  );
  if (!bounds) return null;
  const x0 = Math.max(bounds.x, cov.rect.x);
  const y0 = Math.max(bounds.y, cov.rect.y);
  const x1 = bounds.x + bounds.w;
  const y1 = bounds.y + bounds.h;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const { data, rect } = cov;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let y = y0; y < y1; y++) {
    const py = y + 0.5;
    const row = (y - rect.y) * rect.w - rect.x;
    for (let x = x0; x < x1; x++) {
      const px = x + 0.5;
      // Distance from the pixel centre to the segment.
      let t = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = px - (ax + t * dx);
      const ey = py - (ay + t * dy);
      const v = falloff(Math.sqrt(ex * ex + ey * ey), ra + t * (rb - ra), hardness);
      if (v === 0) continue;
      const i = row + x;
      if (v > (data[i] ?? 0)) data[i] = v;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return minX === Infinity ? null : { x: minX, y: minY, w: maxX - minX + 1, h: maxY - minY + 1 };
}

/** Composites stroke coverage into the mask over `area` (image coordinates, inside `cov.rect`). */
export function compositeCoverage(
  mask: Uint8Array,
  imageWidth: number,
  cov: Coverage,
  area: Rect,
  mode: 'paint' | 'erase',
): void {
  const { data, rect } = cov;
  for (let y = area.y; y < area.y + area.h; y++) {
    const src = (y - rect.y) * rect.w - rect.x;
    const dst = y * imageWidth;
    for (let x = area.x; x < area.x + area.w; x++) {
      const c = data[src + x] ?? 0;
      if (c === 0) continue;
      const m = mask[dst + x] ?? 0;
      mask[dst + x] =
        mode === 'paint' ? m + Math.round((c * (255 - m)) / 255) : Math.round((m * (255 - c)) / 255);
    }
  }
}
