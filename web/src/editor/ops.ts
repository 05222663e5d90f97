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
});
export type StrokeOp = z.infer<typeof StrokeOp>;

export const InvertOp = z.object({ type: z.literal('invert') });
export const ClearOp = z.object({ type: z.literal('clear') });
export const FillAllOp = z.object({ type: z.literal('fillAll') });

// Rectangle, lasso and imported bitmaps join this union later (issue 6).
export const MaskOp = z.discriminatedUnion('type', [StrokeOp, InvertOp, ClearOp, FillAllOp]);
export type MaskOp = z.infer<typeof MaskOp>;
export const MaskOps = z.array(MaskOp);
