import { clipRect, type Rect } from './rect.ts';

/** Bounds of a polygon's pixels (centres inside), clipped to the image. */
export function polygonBounds(points: readonly number[], width: number, height: number): Rect | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    minX = Math.min(minX, points[i]!);
    maxX = Math.max(maxX, points[i]!);
    minY = Math.min(minY, points[i + 1]!);
    maxY = Math.max(maxY, points[i + 1]!);
  }
  if (minX === Infinity) return null;
  const x = Math.floor(minX);
  const y = Math.floor(minY);
  return clipRect({ x, y, w: Math.ceil(maxX) - x + 1, h: Math.ceil(maxY) - y + 1 }, width, height);
}

/**
 * Fills (paint: 255) or clears (erase: 0) every pixel whose centre lies inside the polygon (even-odd
 * rule, so a self-crossing lasso behaves as in other editors). Scanline: crossings of each row's centre
 * line with the edges, filled pairwise. Returns the touched rectangle, or null.
 */
export function fillPolygon(
  mask: Uint8Array,
  width: number,
  height: number,
  points: readonly number[],
  mode: 'paint' | 'erase',
): Rect | null {
  const bounds = polygonBounds(points, width, height);
  const n = Math.floor(points.length / 2);
  if (!bounds || n < 3) return null;
  const value = mode === 'paint' ? 255 : 0;
  const xs: number[] = [];
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let y = bounds.y; y < bounds.y + bounds.h; y++) {
    const py = y + 0.5;
    xs.length = 0;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const ay = points[2 * j + 1]!;
      const by = points[2 * i + 1]!;
      // Half-open in y so a vertex on the centre line is counted once.
      if (ay <= py === by <= py) continue;
      const ax = points[2 * j]!;
      const bx = points[2 * i]!;
      xs.push(ax + ((py - ay) * (bx - ax)) / (by - ay));
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // Pixels whose centre x + 0.5 lies in [xa, xb).
      const x0 = Math.max(0, Math.ceil(xs[k]! - 0.5));
      const x1 = Math.min(width, Math.ceil(xs[k + 1]! - 0.5));
      if (x1 <= x0) continue;
      mask.fill(value, y * width + x0, y * width + x1);
      minX = Math.min(minX, x0);
      maxX = Math.max(maxX, x1);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  return minX === Infinity ? null : { x: minX, y: minY, w: maxX - minX, h: maxY - minY + 1 };
}
