import { allocMask, applyOp, opBounds } from './applyOp.ts';
import type { MaskOp } from './ops.ts';
import { unionRect, type Rect } from './rect.ts';
import { compositeCoverage, type Coverage } from './stamp.ts';

const CHECKPOINT_EVERY = 20;
/** Checkpoint memory budget in bytes (one byte per pixel per checkpoint). */
const CHECKPOINT_BUDGET = 160 * 1024 * 1024;

interface Checkpoint {
  length: number;
  data: Uint8Array;
}

/**
 * The committed raster of an op list, kept in step with the list incrementally: appended ops are
 * applied in place, and when the list diverges (undo, a restored draft) the nearest checkpoint is
 * restored and the rest replayed, so one undo costs at most CHECKPOINT_EVERY op replays.
 */
export class MaskCache {
  readonly mask: Uint8Array;
  private applied: MaskOp[] = [];
  private checkpoints: Checkpoint[] = [];
  private readonly maxCheckpoints: number;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.mask = allocMask(width * height);
    this.maxCheckpoints = Math.max(2, Math.min(32, Math.floor(CHECKPOINT_BUDGET / (width * height))));
  }

  /** Brings the raster up to date with `ops`; returns the rectangle that changed, or null. */
  sync(ops: readonly MaskOp[]): Rect | null {
    let common = 0;
    const limit = Math.min(ops.length, this.applied.length);
    while (common < limit && ops[common] === this.applied[common]) common++;
    if (common === this.applied.length && common === ops.length) return null;

    let dirty: Rect | null = null;
    if (common < this.applied.length) {
      // Only what the dropped ops touched can differ afterwards, so the display repaints just that.
      for (let i = common; i < this.applied.length; i++) {
        dirty = unionRect(dirty, opBounds(this.applied[i]!, this.width, this.height));
      }
      this.checkpoints = this.checkpoints.filter((c) => c.length <= common);
      const from = this.checkpoints.at(-1);
      if (from) this.mask.set(from.data);
      else this.mask.fill(0);
      this.applied = this.applied.slice(0, from?.length ?? 0);
    }
    for (let i = this.applied.length; i < ops.length; i++) {
      const changed = applyOp(this.mask, this.width, this.height, ops[i]!);
      // Replayed ops (below `common`) rewrite pixels that were already right.
      if (i >= common) dirty = unionRect(dirty, changed);
      this.pushApplied(ops[i]!);
    }
    return dirty;
  }

  /** Commits a stroke whose coverage was already built live, without stamping it again. */
  commitCoverage(op: MaskOp & { type: 'stroke' }, cov: Coverage, area: Rect | null): void {
    if (area) compositeCoverage(this.mask, this.width, cov, area, op.mode);
    this.pushApplied(op);
  }

  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  private pushApplied(op: MaskOp): void {
    this.applied.push(op);
    if (this.applied.length % CHECKPOINT_EVERY !== 0) return;
    this.checkpoints.push({ length: this.applied.length, data: this.mask.slice() });
    // Over budget: thin out older checkpoints, keeping the newest (undo walks back from there).
    if (this.checkpoints.length > this.maxCheckpoints) {
      this.checkpoints = this.checkpoints.filter((_, i, all) => i % 2 === 1 || i === all.length - 1);
    }
  }
}
