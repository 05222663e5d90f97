/** Context margin cap (px): reached by holes of about a quarter of a 1024² image. */
export const MAX_MARGIN = 256;

/** The rectangle the engine works in: the hole's bounding box plus a context margin, clipped to the image. */
export interface Region {
  x0: number;
  y0: number;
  w: number;
  h: number;
  /** Number of hole pixels. */
  holeCount: number;
}

/**
 * Margin: several patch widths, growing with the hole (half the side of a square of the hole's area, at
 * most MAX_MARGIN), so large holes see enough sources while a small hole in a huge image stays cheap and
 * a huge hole's region stays near its bounding box (the work outside the hole scales with the margin).
 */
export function contextRegion(mask: Uint8Array, width: number, height: number, patch: number): Region | null {
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  let holeCount = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (!mask[row + x]) continue;
      holeCount++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (holeCount === 0) return null;
  const margin = Math.max(4 * patch, Math.min(MAX_MARGIN, Math.round(0.5 * Math.sqrt(holeCount))));
  const x0 = Math.max(0, minX - margin);
  const y0 = Math.max(0, minY - margin);
  const x1 = Math.min(width - 1, maxX + margin);
  const y1 = Math.min(height - 1, maxY + margin);
  return { x0, y0, w: x1 - x0 + 1, h: y1 - y0 + 1, holeCount };
}
