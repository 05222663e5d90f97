import { featherMask, growMask, shrinkMask } from './morph.ts';
import type { MaskOp, StrokeOp } from './ops.ts';
import { fillPolygon, polygonBounds } from './polygon.ts';
import { clipRect, fullRect, type Rect } from './rect.ts';
import { compositeCoverage, stampSegment, type Coverage } from './stamp.ts';

/** The smallest pressure-scaled width, so a feather-light touch still marks a pixel. */
const MIN_PRESSURE_WIDTH = 1;

/** The brush width at point `i` of a stroke (scaled by pen pressure when recorded). */
export function widthAt(op: Pick<StrokeOp, 'width' | 'pressures'>, i: number): number {
  const p = op.pressures?.[i];
  return p === undefined ? op.width : Math.max(MIN_PRESSURE_WIDTH, op.width * p);
}

/** A mask buffer whose byte length is a multiple of 4, so whole-mask ops can run word-wise. */
export function allocMask(pixels: number): Uint8Array {
  return new Uint8Array(new ArrayBuffer(Math.ceil(pixels / 4) * 4), 0, pixels);
}

/** 255 − m for every byte, four bytes at a time (255 − m = m XOR 255). */
export function invertInPlace(mask: Uint8Array): void {
  const words = Math.floor(mask.length / 4);
  const aligned = mask.byteOffset % 4 === 0;
  if (aligned && words > 0) {
    const w = new Uint32Array(mask.buffer, mask.byteOffset, words);
    for (let i = 0; i < words; i++) w[i] = ~w[i]!;
  }
  for (let i = aligned ? words * 4 : 0; i < mask.length; i++) mask[i] = 255 - mask[i]!;
}

/** Stamps every segment of a stroke into `cov`; returns the touched rectangle. */
export function stampStroke(cov: Coverage, op: StrokeOp, from = 0): Rect | null {
  const p = op.points;
  let touched: Rect | null = null;
  const n = Math.floor(p.length / 2);
  for (let i = Math.max(0, from); i < n; i++) {
    const j = i === 0 ? 0 : i - 1;
    const [ax, ay, bx, by] = [p[2 * j]!, p[2 * j + 1]!, p[2 * i]!, p[2 * i + 1]!];
    const r = stampSegment(cov, ax, ay, bx, by, widthAt(op, j), op.hardness, widthAt(op, i));
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

/** The area an operation can change: a stroke's or polygon's bounds, or the whole image. */
export function opBounds(op: MaskOp, width: number, height: number): Rect | null {
  if (op.type === 'stroke') return strokeBounds(op, width, height);
  if (op.type === 'polygon') return polygonBounds(op.points, width, height);
  return fullRect(width, height);
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
      invertInPlace(mask);
      return fullRect(width, height);
    case 'polygon':
      return fillPolygon(mask, width, height, op.points, op.mode);
    case 'grow':
      growMask(mask, width, height, op.radius);
      return fullRect(width, height);
    case 'shrink':
      shrinkMask(mask, width, height, op.radius);
      return fullRect(width, height);
    case 'feather':
      featherMask(mask, width, height, op.radius);
      return fullRect(width, height);
    case 'bitmap':
      // Imported at the image size; a draft restored onto another size cannot apply it.
      if (op.width !== width || op.height !== height) return null;
      mask.set(op.data.subarray(0, width * height));
      return fullRect(width, height);
    case 'clear':
      mask.fill(0);
      return fullRect(width, height);
    case 'fillAll':
      mask.fill(255);
      return fullRect(width, height);
  }
}
