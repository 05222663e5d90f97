import type { MaskOp, StrokeOp } from './ops.ts';
import { clipRect, fullRect, type Rect } from './rect.ts';
import { compositeCoverage, stampSegment, type Coverage } from './stamp.ts';

/** Stamps every segment of a stroke into `cov`; returns the touched rectangle. */
export function stampStroke(cov: Coverage, op: StrokeOp, from = 0): Rect | null {
  const p = op.points;
  let touched: Rect | null = null;
  const n = Math.floor(p.length / 2);
  for (let i = Math.max(0, from); i < n; i++) {
    const j = i === 0 ? 0 : i - 1;
    const r = stampSegment(cov, p[2 * j]!, p[2 * j + 1]!, p[2 * i]!, p[2 * i + 1]!, op.width, op.hardness);
    if (r) touched = touched ? unionInto(touched, r) : r;
  }
  return touched;
}

function unionInto(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

/** Bounds of a stroke (points ± radius), clipped to the image. */
export function strokeBounds(op: StrokeOp, width: number, height: number): Rect | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i + 1 < op.points.length; i += 2) {
    const x = op.points[i]!;
    const y = op.points[i + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const r = op.width / 2 + 1;
  return clipRect(
    {
      x: Math.floor(minX - r),
      y: Math.floor(minY - r),
      w: Math.ceil(maxX - minX + 2 * r) + 1,
      h: Math.ceil(maxY - minY + 2 * r) + 1,
    },
    width,
    height,
  );
}

/** The area an operation can change: a stroke's bounds, or the whole image. */
export function opBounds(op: MaskOp, width: number, height: number): Rect | null {
  return op.type === 'stroke' ? strokeBounds(op, width, height) : fullRect(width, height);
}

/** Applies one operation to `mask` in place; returns the changed rectangle (null: nothing changed). */
export function applyOp(mask: Uint8Array, width: number, height: number, op: MaskOp): Rect | null {
  switch (op.type) {
    case 'stroke': {
      const bounds = strokeBounds(op, width, height);
      if (!bounds) return null;
      const cov: Coverage = { data: new Uint8Array(bounds.w * bounds.h), rect: bounds };
      const touched = stampStroke(cov, op);
      if (touched) compositeCoverage(mask, width, cov, touched, op.mode);
      return touched;
    }
    case 'invert':
      for (let i = 0; i < mask.length; i++) mask[i] = 255 - mask[i]!;
      return fullRect(width, height);
    case 'clear':
      mask.fill(0);
      return fullRect(width, height);
    case 'fillAll':
      mask.fill(255);
      return fullRect(width, height);
  }
}
