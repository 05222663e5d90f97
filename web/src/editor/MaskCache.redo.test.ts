import { describe, expect, it, vi } from 'vitest';
import * as apply from './applyOp.ts';
import { countFilled } from './exportMask.ts';
import { MaskCache, maskFilledCount } from './MaskCache.ts';
import type { MaskOp } from './ops.ts';
import { rasterize } from './rasterize.ts';

vi.mock('./applyOp.ts', async (importOriginal) => {
  const real = await importOriginal<typeof apply>();
  return { ...real, applyOp: vi.fn(real.applyOp) };
});

const stroke = (i: number): MaskOp => ({
  type: 'stroke',
  mode: i % 3 === 2 ? 'erase' : 'paint',
  points: [(i * 7) % 40, (i * 5) % 30, (i * 11) % 40, (i * 3) % 30],
  width: 4 + (i % 4),
  hardness: i % 2 ? 1 : 0.5,
});

describe('MaskCache redo patches', () => {
  it('redoes undone ops from their patches without re-rasterising them, exactly', () => {
    const ops: MaskOp[] = Array.from({ length: 12 }, (_, i) => stroke(i));
    ops.splice(5, 0, { type: 'invert' });
    const cache = new MaskCache(40, 30);
    for (let n = 1; n <= ops.length; n++) cache.sync(ops.slice(0, n));
    for (let n = ops.length - 1; n >= 4; n--) cache.sync(ops.slice(0, n));
    const calls = vi.mocked(apply.applyOp).mock.calls;
    calls.length = 0;
    for (let n = 5; n <= ops.length; n++) {
      const dirty = cache.sync(ops.slice(0, n));
      expect(dirty).not.toBeNull();
      expect([...cache.mask]).toEqual([...rasterize(ops.slice(0, n), 40, 30)]);
    }
    // Only the invert runs again (it is its own undo and redo); no stroke is stamped.
    expect(calls.map((c) => c[3].type)).toEqual(['invert']);
  });

  it('forgets redo patches when a new op replaces the undone ones', () => {
    const ops: MaskOp[] = Array.from({ length: 6 }, (_, i) => stroke(i));
    const cache = new MaskCache(40, 30);
    for (let n = 1; n <= ops.length; n++) cache.sync(ops.slice(0, n));
    cache.sync(ops.slice(0, 3));
    const branch = [...ops.slice(0, 3), stroke(20)];
    cache.sync(branch);
    expect([...cache.mask]).toEqual([...rasterize(branch, 40, 30)]);
    // The old op 3 comes back at another index (e.g. a restored list): it must be applied, not patched.
    const calls = vi.mocked(apply.applyOp).mock.calls;
    calls.length = 0;
    const again = [...branch, ops[3]!];
    cache.sync(again);
    expect(calls).toHaveLength(1);
    expect([...cache.mask]).toEqual([...rasterize(again, 40, 30)]);
  });

  it('falls back to re-applying after the list diverges (a restored draft)', () => {
    const ops: MaskOp[] = Array.from({ length: 4 }, (_, i) => stroke(i));
    const cache = new MaskCache(40, 30);
    cache.sync(ops);
    cache.sync(ops.slice(0, 2));
    const other = [stroke(9), ...ops.slice(1)];
    cache.sync(other);
    expect([...cache.mask]).toEqual([...rasterize(other, 40, 30)]);
  });

  it('keeps checkpoints past an undo for redo, and they stay exact for later replays', () => {
    const ops: MaskOp[] = Array.from({ length: 45 }, (_, i) => stroke(i));
    const cache = new MaskCache(40, 30);
    for (let n = 1; n <= ops.length; n++) cache.sync(ops.slice(0, n));
    expect(cache.checkpointCount).toBe(2);
    cache.sync(ops.slice(0, 10));
    expect(cache.checkpointCount).toBe(2);
    for (let n = 11; n <= ops.length; n++) cache.sync(ops.slice(0, n));
    expect(cache.checkpointCount).toBe(2);
    // Replacing the tail in one step replays from the checkpoint at 40 (kept through the undo).
    const branch = [...ops.slice(0, 42), stroke(99)];
    cache.sync(branch);
    expect([...cache.mask]).toEqual([...rasterize(branch, 40, 30)]);
    const other = [...ops.slice(0, 20), stroke(77)];
    cache.sync(other);
    expect([...cache.mask]).toEqual([...rasterize(other, 40, 30)]);
    expect(cache.checkpointCount).toBe(1);
  });

  it('keeps the fill count exact through strokes, whole-mask ops, undo, redo and replays', () => {
    const ops: MaskOp[] = Array.from({ length: 30 }, (_, i) => stroke(i));
    ops.splice(4, 0, { type: 'invert' });
    ops.splice(9, 0, { type: 'grow', radius: 2 });
    ops.splice(15, 0, { type: 'polygon', mode: 'paint', points: [0, 0, 30, 2, 12, 25] });
    ops.splice(22, 0, { type: 'fillAll' }, { type: 'clear' });
    const cache = new MaskCache(40, 30);
    const check = () => {
      expect(cache.filled).toBe(countFilled(cache.mask));
      expect(maskFilledCount(cache.mask)).toBe(cache.filled);
    };
    for (let n = 1; n <= ops.length; n++) {
      cache.sync(ops.slice(0, n));
      check();
    }
    for (let n = ops.length - 1; n >= 0; n -= 3) {
      cache.sync(ops.slice(0, n));
      check();
    }
    for (let n = 1; n <= ops.length; n += 2) {
      cache.sync(ops.slice(0, n));
      check();
    }
    cache.sync([...ops.slice(0, 3), stroke(50)]);
    check();
    expect(maskFilledCount(new Uint8Array(4))).toBeNull();
  });
});
