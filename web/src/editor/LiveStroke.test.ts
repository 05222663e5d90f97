import { describe, expect, it } from 'vitest';
import { countFilled } from './exportMask.ts';
import { LiveStroke } from './LiveStroke.ts';
import { MaskCache } from './MaskCache.ts';
import type { MaskOp } from './ops.ts';
import { rasterize } from './rasterize.ts';

/** Draws a zigzag live, commits it through its row spans, and resets the buffer. */
function draw(
  live: LiveStroke,
  cache: MaskCache,
  mode: 'paint' | 'erase',
  y0: number,
  hardness: number,
): MaskOp {
  live.begin(mode, 5, hardness, 2, y0);
  for (let i = 1; i <= 12; i++) live.extend(2 + i * 4, y0 + (i % 2 ? 9 : 0) + i * 0.7);
  const op = live.toOp();
  cache.commitCoverage(op, live.coverage, live.area);
  live.reset();
  return op;
}

describe('LiveStroke row spans', () => {
  it('commits exactly the replayed stroke, keeps the fill count, and resets the buffer to zero', () => {
    const live = new LiveStroke(60, 40);
    const cache = new MaskCache(60, 40);
    const ops: MaskOp[] = [];
    ops.push(draw(live, cache, 'paint', 5, 1));
    ops.push(draw(live, cache, 'paint', 12, 0.3));
    ops.push(draw(live, cache, 'erase', 9, 0.6));
    expect([...cache.mask]).toEqual([...rasterize(ops, 60, 40)]);
    expect(cache.filled).toBe(countFilled(cache.mask));
    expect(live.coverage.data.every((v) => v === 0)).toBe(true);
    expect(live.coverage.spans.min.every((v) => v === 0x7fffffff)).toBe(true);
    expect(live.coverage.spans.max.every((v) => v === -1)).toBe(true);
  });

  it('spans cover every touched pixel of each row and nothing outside the bounds', () => {
    const live = new LiveStroke(60, 40);
    live.begin('paint', 7, 1, 5, 5);
    live.extend(50, 30);
    live.extend(10, 35);
    const { data, spans } = live.coverage;
    const area = live.area!;
    for (let y = 0; y < 40; y++) {
      for (let x = 0; x < 60; x++) {
        if (data[y * 60 + x]! > 0) {
          expect(x).toBeGreaterThanOrEqual(spans.min[y]!);
          expect(x).toBeLessThanOrEqual(spans.max[y]!);
        }
      }
      if (spans.min[y]! <= spans.max[y]!) {
        expect(y >= area.y && y < area.y + area.h).toBe(true);
        expect(spans.min[y]).toBeGreaterThanOrEqual(area.x);
        expect(spans.max[y]).toBeLessThan(area.x + area.w);
      }
    }
  });
});
