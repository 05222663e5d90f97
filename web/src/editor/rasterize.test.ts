import { describe, expect, it } from 'vitest';
import { countFilled } from './exportMask.ts';
import type { MaskOp } from './ops.ts';
import { rasterize } from './rasterize.ts';

const dot = (x: number, y: number, width: number, mode: 'paint' | 'erase' = 'paint'): MaskOp => ({
  type: 'stroke',
  mode,
  points: [x, y],
  width,
  hardness: 1,
});

describe('rasterize', () => {
  it('covers the pixels whose centres lie inside the brush disc', () => {
    expect(countFilled(rasterize([dot(5.5, 5.5, 1)], 10, 10))).toBe(1);
    expect(countFilled(rasterize([dot(5.5, 5.5, 3)], 10, 10))).toBe(9);
    // r = 2.5: the 5×5 square minus its four corners (distance √8 > 2.5).
    expect(countFilled(rasterize([dot(5.5, 5.5, 5)], 10, 10))).toBe(21);
  });

  it('sweeps the disc along a segment (a capsule)', () => {
    const line: MaskOp = {
      type: 'stroke',
      mode: 'paint',
      points: [2.5, 5.5, 7.5, 5.5],
      width: 3,
      hardness: 1,
    };
    // 6 columns × 3 rows along the spine, plus a 3-pixel cap at each end.
    expect(countFilled(rasterize([line], 10, 10))).toBe(24);
  });

  it('writes 255 for fill and 0 elsewhere with a hard brush', () => {
    const mask = rasterize([dot(1.5, 1.5, 1)], 3, 3);
    expect([...mask]).toEqual([0, 0, 0, 0, 255, 0, 0, 0, 0]);
  });

  it('erases, inverts, clears and fills', () => {
    const paint = dot(5.5, 5.5, 5);
    expect(countFilled(rasterize([paint, dot(5.5, 5.5, 1, 'erase')], 10, 10))).toBe(20);
    expect(countFilled(rasterize([paint, { type: 'invert' }], 10, 10))).toBe(79);
    expect(countFilled(rasterize([paint, { type: 'clear' }], 10, 10))).toBe(0);
    expect(countFilled(rasterize([{ type: 'fillAll' }, dot(5.5, 5.5, 3, 'erase')], 10, 10))).toBe(91);
  });

  it('clips strokes at the image edge', () => {
    expect(countFilled(rasterize([dot(0.5, 0.5, 3)], 10, 10))).toBe(4);
    expect(countFilled(rasterize([dot(-20, -20, 3)], 10, 10))).toBe(0);
  });

  it('fades a soft brush towards the rim without building up where segments overlap', () => {
    const soft: MaskOp = {
      type: 'stroke',
      mode: 'paint',
      points: [10.5, 10.5, 10.5, 10.5, 10.6, 10.5],
      width: 10,
      hardness: 0,
    };
    const mask = rasterize([soft], 21, 21);
    expect(mask[10 * 21 + 10]).toBe(255);
    const rim = mask[10 * 21 + 14]!; // 4 px from the centre of a 5 px radius
    expect(rim).toBeGreaterThan(0);
    expect(rim).toBeLessThan(128);
    expect(mask[10 * 21 + 16]).toBe(0);
  });
});
