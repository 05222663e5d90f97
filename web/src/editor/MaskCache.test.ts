import { describe, expect, it } from 'vitest';
import { MaskCache } from './MaskCache.ts';
import type { MaskOp } from './ops.ts';
import { rasterize } from './rasterize.ts';

const dot = (x: number, y: number): MaskOp => ({
  type: 'stroke',
  mode: 'paint',
  points: [x, y],
  width: 3,
  hardness: 1,
});

describe('MaskCache', () => {
  it('applies appended ops incrementally and reports only their area', () => {
    const cache = new MaskCache(20, 20);
    const ops = [dot(5.5, 5.5)];
    expect(cache.sync(ops)).toEqual({ x: 4, y: 4, w: 3, h: 3 });
    expect(cache.sync(ops)).toBeNull();
  });

  it('undoes a stroke by restoring a checkpoint and repaints only the stroke area', () => {
    const cache = new MaskCache(50, 50);
    const ops: MaskOp[] = Array.from({ length: 45 }, (_, i) => dot((i % 50) + 0.5, ((i * 7) % 50) + 0.5));
    cache.sync(ops);
    expect(cache.checkpointCount).toBe(2);
    const undone = ops.slice(0, -1);
    const dirty = cache.sync(undone);
    // The last dot, at (44.5, 8.5): its bounds with a 1 px safety margin, not the whole image.
    expect(dirty).toEqual({ x: 42, y: 6, w: 6, h: 6 });
    expect([...cache.mask]).toEqual([...rasterize(undone, 50, 50)]);
  });

  it('repaints everything when an invert is undone, and stays exact after branching history', () => {
    const cache = new MaskCache(10, 10);
    const a = [dot(2.5, 2.5), { type: 'invert' } as MaskOp];
    cache.sync(a);
    expect(cache.sync(a.slice(0, 1))).toEqual({ x: 0, y: 0, w: 10, h: 10 });
    const b = [a[0]!, dot(7.5, 7.5)];
    cache.sync(b);
    expect([...cache.mask]).toEqual([...rasterize(b, 10, 10)]);
  });
});

describe('MaskCache undo patches', () => {
  it('undo and redo through strokes, shapes and whole-mask ops match a fresh rasterisation', () => {
    const w = 40;
    const h = 30;
    const ops: MaskOp[] = [];
    for (let i = 0; i < 25; i++)
      ops.push({
        type: 'stroke',
        mode: i % 4 === 3 ? 'erase' : 'paint',
        points: [(i * 7) % w, (i * 5) % h, (i * 11) % w, (i * 3) % h],
        width: 3 + (i % 5),
        hardness: i % 2 ? 1 : 0.4,
      });
    ops.splice(8, 0, { type: 'invert' });
    ops.splice(14, 0, { type: 'polygon', mode: 'erase', points: [0, 0, 20, 0, 20, 15] });
    ops.splice(18, 0, { type: 'grow', radius: 2 });
    const cache = new MaskCache(w, h);
    for (let n = 1; n <= ops.length; n++) cache.sync(ops.slice(0, n));
    for (let n = ops.length - 1; n >= 0; n--) {
      cache.sync(ops.slice(0, n));
      expect([...cache.mask]).toEqual([...rasterize(ops.slice(0, n), w, h)]);
    }
    cache.sync(ops);
    expect([...cache.mask]).toEqual([...rasterize(ops, w, h)]);
  });
});
