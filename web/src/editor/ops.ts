import { z } from 'zod';

/**
 * The mask is a list of operations in image coordinates (DESIGN.md §7), replayed by `rasterize`.
 * Each op is plain data so the draft can be persisted and history is just the list.
 */
export const StrokeOp = z.object({
  type: z.literal('stroke'),
  /** `paint` adds to the mask, `erase` removes from it. */
  mode: z.enum(['paint', 'erase']),
  /** Flat [x0, y0, x1, y1, …] in image pixels (fractions allowed). */
  points: z.array(z.number()).min(2),
  /** Brush diameter in image pixels. */
  width: z.number().positive(),
  /** 1 = hard edge; lower values fade the outer part of the radius. */
  hardness: z.number().min(0).max(1),
  /** Pen pressure (0..1) per point; when present it scales the width along the stroke. */
  pressures: z.array(z.number().min(0).max(1)).optional(),
});
export type StrokeOp = z.infer<typeof StrokeOp>;

export const InvertOp = z.object({ type: z.literal('invert') });
export const ClearOp = z.object({ type: z.literal('clear') });
export const FillAllOp = z.object({ type: z.literal('fillAll') });

/** A filled polygon (rectangle, lasso, polygon tools): pixels whose centre lies inside, hard edged. */
export const PolygonOp = z.object({
  type: z.literal('polygon'),
  mode: z.enum(['paint', 'erase']),
  /** Flat [x0, y0, x1, y1, …] in image pixels; implicitly closed. */
  points: z.array(z.number()).min(6),
});
export type PolygonOp = z.infer<typeof PolygonOp>;

/** Grow (dilate) or shrink (erode) the filled area by `radius` pixels (Euclidean). */
export const GrowOp = z.object({ type: z.literal('grow'), radius: z.number().int().positive() });
export const ShrinkOp = z.object({ type: z.literal('shrink'), radius: z.number().int().positive() });
/** Softens edges: a separable box blur of `radius` applied twice (a tent of width 4·radius + 1). */
export const FeatherOp = z.object({ type: z.literal('feather'), radius: z.number().int().positive() });

/** An imported mask, already scaled to the image and in our polarity (255 = fill); replaces the mask. */
export const BitmapOp = z.object({
  type: z.literal('bitmap'),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  data: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected a Uint8Array'),
});
export type BitmapOp = z.infer<typeof BitmapOp>;

export const MaskOp = z.discriminatedUnion('type', [
  StrokeOp,
  InvertOp,
  ClearOp,
  FillAllOp,
  PolygonOp,
  GrowOp,
  ShrinkOp,
  FeatherOp,
  BitmapOp,
]);
export type MaskOp = z.infer<typeof MaskOp>;
export const MaskOps = z.array(MaskOp);
