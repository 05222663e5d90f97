import { describe, expect, it } from 'vitest';
import { countFilled } from './exportMask.ts';
import { featherMask, growMask, shrinkMask } from './morph.ts';
import { TestEditor } from './TestEditor.ts';

/** A w×h raster from rows of '#' (255) and '.' (0). */
const raster = (...rows: string[]) => Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 255 : 0));
const show = (m: Uint8Array, w: number) =>
  Array.from({ length: m.length / w }, (_, y) =>
    [...m.subarray(y * w, y * w + w)].map((v) => (v >= 128 ? '#' : '.')).join(''),
  );

describe('grow / shrink / feather', () => {
  it('grows by a Euclidean disc of the radius', () => {
    const m = raster('.......', '.......', '.......', '...#...', '.......', '.......', '.......');
    growMask(m, 7, 7, 2);
    expect(show(m, 7)).toEqual(['.......', '...#...', '..###..', '.#####.', '..###..', '...#...', '.......']);
    // Radius 2 includes (±1, ±1) (distance √2) but not (±2, ±1) (√5).
    const d = raster('.......', '.......', '.......', '...#...', '.......', '.......', '.......');
    growMask(d, 7, 7, 3);
    expect(countFilled(d)).toBe(29);
  });

  it('shrinks by the radius, with the image border not counting as empty', () => {
    const m = raster('#####', '#####', '#####', '#####', '..###');
    shrinkMask(m, 5, 5, 1);
    expect(show(m, 5)).toEqual(['#####', '#####', '#####', '..###', '...##']);
  });

  it('feathers with a twice-applied box blur (exact tent weights)', () => {
    const m = new Uint8Array(9);
    m[4] = 255; // 9×1: one filled pixel in the middle
    featherMask(m, 9, 1, 1);
    // Box [1,1,1]/3 twice = [1,2,3,2,1]/9 horizontally; the vertical pass of a 1-row raster keeps it.
    // Integer rounding after each pass: 255/3 = 85, then 85/3 → 28, 170/3 → 57, 255/3 = 85.
    expect([...m]).toEqual([0, 0, 28, 57, 85, 57, 28, 0, 0]);
  });

  it('are undoable commands over the editor mask', () => {
    const ed = new TestEditor(9, 9);
    ed.setTool('rect');
    ed.drag([3, 3], [6, 6]);
    expect(ed.filled).toBe(9);
    ed.grow(1);
    expect(ed.filled).toBe(21);
    ed.shrink(2);
    expect(ed.filled).toBe(1);
    ed.undo();
    expect(ed.filled).toBe(21);
    ed.undo();
    expect(ed.filled).toBe(9);
    ed.feather(1);
    // The 3×3 square spreads to a 7×7 tent; its centre stays above the export threshold.
    expect(ed.mask![4 * 9 + 4]).toBe(154);
    expect(ed.mask![1 * 9 + 4]).toBeGreaterThan(0);
    expect(ed.mask![0]).toBe(0);
    expect(ed.state.ops).toHaveLength(2);
    expect(ed.grow(0)).toBe(false);
  });
});
