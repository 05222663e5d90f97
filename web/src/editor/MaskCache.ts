import { allocMask, applyOp, opBounds } from './applyOp.ts';
import { countFilled } from './exportMask.ts';
import type { RowSpans } from './LiveStroke.ts';
import type { MaskOp } from './ops.ts';
import { unionRect, type Rect } from './rect.ts';
import { compositeCoverage, type Coverage } from './stamp.ts';

const CHECKPOINT_EVERY = 20;
/** Checkpoint memory budget in bytes (one byte per pixel per checkpoint). */
const CHECKPOINT_BUDGET = 160 * 1024 * 1024;

interface Checkpoint {
  length: number;
  /** The op that ends the prefix it holds (a checkpoint past the applied list waits for redo). */
  op: MaskOp;
  data: Uint8Array;
  filled: number;
}

/** Undo bytes kept per applied op: the pixels its area held before it (budgeted, oldest dropped first). */
const PATCH_BUDGET = 256 * 1024 * 1024;

/** What undoing one applied op needs: its area's previous pixels, or nothing for an involution (invert). */
type Patch = Pixels | 'invert';

/** A copy of a rectangle of the raster; `filled` (its fill count) is counted when first needed. */
interface Pixels {
  rect: Rect;
  data: Uint8Array;
  filled: number | null;
}

const filledOf = (p: Pixels): number => (p.filled ??= countFilled(p.data));

/**
 * What redoing an undone op needs: the pixels its area held after it (captured while undoing), so redo
 * copies them back instead of re-rasterising the op. Valid only at the index it was undone from.
 */
interface RedoPatch {
  index: number;
  undo: Patch;
  after: Pixels | null;
}

/** The cache that owns each raster, so a reader of `Editor.mask` can ask for its fill count. */
const owners = new WeakMap<Uint8Array, MaskCache>();

/** How many pixels of an editor raster are fill (≥ 128), kept up to date; null for a foreign array. */
export function maskFilledCount(mask: Uint8Array): number | null {
  return owners.get(mask)?.filled ?? null;
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
  /** Undo patches, parallel to `applied` (null: evicted or never taken; undo falls back to replay). */
  private patches: (Patch | null)[] = [];
  private patchBytes = 0;
  /** Redo patches of undone ops, by op identity (the history re-appends the same object). */
  private redoPatches = new Map<MaskOp, RedoPatch>();
  /** Pixels at or above the export threshold, updated from each change's area (no full recount). */
  private filledCount = 0;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.mask = allocMask(width * height);
    this.maxCheckpoints = Math.max(2, Math.min(32, Math.floor(CHECKPOINT_BUDGET / (width * height))));
    owners.set(this.mask, this);
  }

  get filled(): number {
    return this.filledCount;
  }

  /** Brings the raster up to date with `ops`; returns the rectangle that changed, or null. */
  sync(ops: readonly MaskOp[]): Rect | null {
    let common = 0;
    const limit = Math.min(ops.length, this.applied.length);
    while (common < limit && ops[common] === this.applied[common]) common++;
    if (common === this.applied.length && common === ops.length) return null;

    let dirty: Rect | null = null;
    // Undo (ops only dropped from the end): restore each dropped op's patch, newest first.
    if (common === ops.length && this.patches.slice(common).every((p) => p !== null)) {
      for (let i = this.applied.length - 1; i >= common; i--) {
        const patch = this.patches[i]!;
        const after = patch === 'invert' ? null : this.read(patch.rect);
        dirty = unionRect(dirty, this.restore(patch, after ? filledOf(after) : undefined));
        this.patches.length = i; // the patch moves to the redo entry with its bytes
        this.redoPatches.set(this.applied[i]!, { index: i, undo: patch, after });
        if (after) this.patchBytes += after.data.length;
      }
      this.trimPatches();
      // Checkpoints past `common` stay for redo (same ops again); a new op or divergence drops them.
      this.applied.length = common;
      return dirty;
    }
    if (common < this.applied.length) {
      this.clearRedo();
      // Only what the dropped ops touched can differ afterwards, so the display repaints just that.
      for (let i = common; i < this.applied.length; i++) {
        dirty = unionRect(dirty, opBounds(this.applied[i]!, this.width, this.height));
      }
      this.checkpoints = this.checkpoints.filter((c) => c.length <= common);
      const from = this.checkpoints.at(-1);
      if (from) this.mask.set(from.data);
      else this.mask.fill(0);
      this.filledCount = from?.filled ?? 0;
      this.applied = this.applied.slice(0, from?.length ?? 0);
      for (let i = this.patches.length - 1; i >= this.applied.length; i--) this.dropPatch(i);
    }
    for (let i = this.applied.length; i < ops.length; i++) {
      const redo = i >= common ? this.takeRedo(ops[i]!, i) : null;
      if (redo) {
        dirty = unionRect(dirty, redo);
        this.pushApplied(ops[i]!);
        continue;
      }
      this.clearRedo(); // a new op: the history dropped its redo list
      const patch = this.takePatch(ops[i]!);
      const changed = applyOp(this.mask, this.width, this.height, ops[i]!);
      this.countChange(patch);
      // Replayed ops (below `common`) rewrite pixels that were already right.
      if (i >= common) dirty = unionRect(dirty, changed);
      this.pushApplied(ops[i]!);
    }
    return dirty;
  }

  /**
   * Commits a stroke whose coverage was already built live, without stamping it again. With the live
   * stroke's row spans, only the pixels it touched are composited and counted, not its whole bounds.
   */
  commitCoverage(
    op: MaskOp & { type: 'stroke' },
    cov: Coverage & { spans?: RowSpans },
    area: Rect | null,
  ): void {
    this.clearRedo();
    const patch = this.takePatch(op, area);
    const spans = cov.spans;
    if (area && spans) {
      const w = this.width;
      for (let y = area.y; y < area.y + area.h; y++) {
        const x0 = Math.max(spans.min[y]!, area.x);
        const x1 = Math.min(spans.max[y]!, area.x + area.w - 1);
        if (x1 < x0) continue;
        const row = this.mask.subarray(y * w + x0, y * w + x1 + 1);
        const before = countFilled(row);
        compositeCoverage(this.mask, w, cov, { x: x0, y, w: x1 - x0 + 1, h: 1 }, op.mode);
        this.filledCount += countFilled(row) - before;
      }
    } else {
      if (area) compositeCoverage(this.mask, this.width, cov, area, op.mode);
      this.countChange(patch);
    }
    this.pushApplied(op);
  }

  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /** Records what undoing `op` needs, before it is applied (call in step with `pushApplied`). */
  private takePatch(op: MaskOp, area?: Rect | null): Patch {
    const rect = area === undefined ? opBounds(op, this.width, this.height) : area;
    const patch: Patch =
      op.type === 'invert'
        ? 'invert'
        : rect
          ? this.read(rect)
          : { rect: { x: 0, y: 0, w: 0, h: 0 }, data: new Uint8Array(0), filled: 0 };
    // Counted lazily: a committed stroke counts only its spans, an undo counts when it happens.
    this.patches.push(patch);
    if (patch !== 'invert') {
      this.patchBytes += patch.data.length;
      this.trimPatches();
    }
    return patch;
  }

  /** Updates the fill count after the op whose patch (its area before) is `patch` was applied. */
  private countChange(patch: Patch): void {
    if (patch === 'invert') this.filledCount = this.mask.length - this.filledCount;
    else if (patch.rect.w > 0) this.filledCount += this.countRect(patch.rect) - filledOf(patch);
  }

  /** Over budget: drop redo patches first (redo then re-applies), then the oldest undo patches. */
  private trimPatches(): void {
    if (this.patchBytes <= PATCH_BUDGET) return;
    this.clearRedo();
    // Undo that far back replays from a checkpoint instead.
    for (let i = 0; this.patchBytes > PATCH_BUDGET && i < this.patches.length - 1; i++) this.forget(i);
  }

  /** Redoes `op` at `index` from its redo patch; returns the area, or null when there is none. */
  private takeRedo(op: MaskOp, index: number): Rect | null {
    const entry = this.redoPatches.get(op);
    if (!entry || entry.index !== index) return null;
    this.redoPatches.delete(op);
    const { undo, after } = entry;
    this.patches.push(undo);
    if (undo === 'invert') return this.restore(undo);
    if (after) this.patchBytes -= after.data.length;
    if (undo.rect.w === 0 || !after) return null;
    this.write(undo.rect, after.data);
    this.filledCount += filledOf(after) - filledOf(undo);
    return undo.rect;
  }

  private clearRedo(): void {
    const applied = this.applied.length;
    if ((this.checkpoints.at(-1)?.length ?? 0) > applied)
      this.checkpoints = this.checkpoints.filter((c) => c.length <= applied);
    if (this.redoPatches.size === 0) return;
    for (const { undo, after } of this.redoPatches.values()) {
      if (undo !== 'invert') this.patchBytes -= undo.data.length;
      if (after) this.patchBytes -= after.data.length;
    }
    this.redoPatches.clear();
  }

  /** A copy of the raster's pixels in `rect` (not yet counted). */
  private read(rect: Rect): Pixels {
    const data = new Uint8Array(rect.w * rect.h);
    for (let y = 0; y < rect.h; y++) {
      const from = (rect.y + y) * this.width + rect.x;
      data.set(this.mask.subarray(from, from + rect.w), y * rect.w);
    }
    return { rect, data, filled: null };
  }

  private countRect(rect: Rect): number {
    let n = 0;
    for (let y = 0; y < rect.h; y++) {
      const from = (rect.y + y) * this.width + rect.x;
      n += countFilled(this.mask.subarray(from, from + rect.w));
    }
    return n;
  }

  private write(rect: Rect, data: Uint8Array): void {
    for (let y = 0; y < rect.h; y++)
      this.mask.set(data.subarray(y * rect.w, (y + 1) * rect.w), (rect.y + y) * this.width + rect.x);
  }

  /** Undoes an op from its patch; `current` is the area's fill count now, when already known. */
  private restore(patch: Patch, current?: number): Rect | null {
    if (patch === 'invert') {
      this.filledCount = this.mask.length - this.filledCount;
      return applyOp(this.mask, this.width, this.height, { type: 'invert' });
    }
    const { rect, data } = patch;
    if (rect.w === 0) return null;
    this.filledCount += filledOf(patch) - (current ?? this.countRect(rect));
    this.write(rect, data);
    return rect;
  }

  private forget(i: number): void {
    const p = this.patches[i];
    if (p && p !== 'invert') this.patchBytes -= p.data.length;
    this.patches[i] = null;
  }

  private dropPatch(i: number): void {
    this.forget(i);
    this.patches.length = i;
  }

  private pushApplied(op: MaskOp): void {
    this.applied.push(op);
    const length = this.applied.length;
    if (length % CHECKPOINT_EVERY !== 0) return;
    // Kept in order of length; a redo reaching a kept checkpoint of the same op reuses it (no copy).
    const at = this.checkpoints.findIndex((c) => c.length >= length);
    const kept = at >= 0 ? this.checkpoints[at] : undefined;
    if (kept?.length === length && kept.op === op) return;
    const checkpoint = { length, op, data: this.mask.slice(), filled: this.filledCount };
    if (at < 0) this.checkpoints.push(checkpoint);
    else this.checkpoints.splice(at, kept?.length === length ? 1 : 0, checkpoint);
    // Over budget: thin out older checkpoints, keeping the newest (undo walks back from there).
    if (this.checkpoints.length > this.maxCheckpoints) {
      this.checkpoints = this.checkpoints.filter((_, i, all) => i % 2 === 1 || i === all.length - 1);
    }
  }
}
