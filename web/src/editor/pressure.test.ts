import { describe, expect, it } from 'vitest';
import { countFilled } from './exportMask.ts';
import { rasterize } from './rasterize.ts';
import { TestEditor } from './TestEditor.ts';

const pen = (x: number, y: number, pressure: number) => ({ x, y, sx: x, sy: y, pressure });

describe('pen pressure and hardness', () => {
  it('pressure scales the width along the stroke, and replay draws exactly what was shown', () => {
    const ed = new TestEditor(40, 20).brush(10);
    ed.pointerDown(pen(5.5, 10.5, 0.2));
    ed.pointerMove(pen(20.5, 10.5, 0.6));
    ed.pointerUp(pen(35.5, 10.5, 1));
    const op = ed.state.ops[0]!;
    expect(op).toMatchObject({ type: 'stroke', pressures: [0.2, 0.6, 1] });
    // Radius at the light end is 1 (width 10 × 0.2), at the heavy end 5; centres at exactly the radius count.
    const column = (x: number) => [...Array(20).keys()].filter((y) => ed.mask![y * 40 + x]! >= 128).length;
    expect(column(5)).toBe(3);
    expect(column(35)).toBe(11);
    expect(column(20)).toBe(7);
    expect([...ed.mask!]).toEqual([...rasterize(ed.state.ops, 40, 20)]);
  });

  it('a mouse stroke (no pressure) keeps the full width and stores no pressures', () => {
    const ed = new TestEditor(40, 20).brush(10);
    ed.drag([5.5, 10.5], [35.5, 10.5]);
    expect(ed.state.ops[0]).not.toHaveProperty('pressures');
    expect(countFilled(ed.mask!)).toBe(countFilled(rasterize(ed.state.ops, 40, 20)));
  });

  it('soft hardness fades the outer radius; the hardness is clamped and stepped by 10%', () => {
    const hard = new TestEditor(21, 21).brush(20, 1);
    hard.drag([10.5, 10.5]);
    const soft = new TestEditor(21, 21).brush(20, 0);
    soft.drag([10.5, 10.5]);
    // Centre fully covered in both; halfway out the soft brush is at half strength.
    expect(soft.mask![10 * 21 + 10]).toBe(255);
    expect(hard.mask![10 * 21 + 15]).toBe(255);
    expect(soft.mask![10 * 21 + 15]).toBe(128);
    soft.stepHardness(1);
    soft.stepHardness(1);
    expect(soft.state.hardness).toBe(0.2);
    soft.setHardness(3);
    expect(soft.state.hardness).toBe(1);
  });
});
