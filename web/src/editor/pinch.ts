export interface Point {
  x: number;
  y: number;
}

/**
 * One step of a two-finger gesture between two pairs of touch points (screen pixels): the pan moves
 * the old midpoint onto the new one, then the zoom (ratio of finger distances) is about the new midpoint.
 */
export function pinchStep(
  prev: readonly [Point, Point],
  next: readonly [Point, Point],
): { dx: number; dy: number; factor: number; cx: number; cy: number } {
  const mid = (p: readonly [Point, Point]) => ({ x: (p[0].x + p[1].x) / 2, y: (p[0].y + p[1].y) / 2 });
  const dist = (p: readonly [Point, Point]) => Math.hypot(p[1].x - p[0].x, p[1].y - p[0].y);
  const a = mid(prev);
  const b = mid(next);
  const d0 = dist(prev);
  const factor = d0 > 0 ? dist(next) / d0 : 1;
  return { dx: b.x - a.x, dy: b.y - a.y, factor, cx: b.x, cy: b.y };
}
