import { describe, expect, it } from 'vitest';
import { countFilled } from './exportMask.ts';
import { rasterize } from './rasterize.ts';
import { TestEditor } from './TestEditor.ts';

describe('Editor (headless)', () => {
  it('commits a stroke on pointer-up as one undo step', () => {
    const ed = new TestEditor(10, 10).brush(3);
    ed.down(2.5, 5.5).move(5, 5.5);
    expect(ed.state.ops).toHaveLength(0);
    ed.move(7.5, 5.5).up(7.5, 5.5);
    expect(ed.state.ops).toHaveLength(1);
    expect(ed.filled).toBe(24);
    ed.undo();
    expect(ed.filled).toBe(0);
    expect(ed.state.redo).toHaveLength(1);
    ed.redo();
    expect(ed.filled).toBe(24);
  });

  it('shows the live stroke in the overlay before it is committed', () => {
    const ed = new TestEditor(10, 10).brush(1);
    const color = { r: 255, g: 0, b: 0, a: 1 };
    ed.down(5.5, 5.5);
    const px = ed.overlay({ x: 5, y: 5, w: 1, h: 1 }, color)!;
    expect([...px]).toEqual([255, 0, 0, 255]);
    expect(ed.filled).toBe(0);
  });

  it('a committed stroke looks exactly as it did live, so the display may skip its repaint', () => {
    const ed = new TestEditor(40, 30).brush(9, 0.4);
    ed.drag([3.5, 3.5], [20.5, 8.5]);
    ed.setTool('eraser');
    const color = { r: 10, g: 200, b: 30, a: 1 };
    const all = { x: 0, y: 0, w: 40, h: 30 };
    const changes: string[] = [];
    ed.onMaskChange((_dirty, change) => changes.push(change));
    ed.down(2.5, 12.5).move(15.5, 4.5).move(30.5, 20.5);
    const live = [...ed.overlay(all, color)!];
    ed.up(30.5, 20.5);
    expect(changes.at(-1)).toBe('shown');
    expect([...ed.overlay(all, color)!]).toEqual(live);
    ed.undo();
    expect(changes.at(-1)).toBe('changed');
  });

  it('cancels the gesture in progress on Escape without touching history', () => {
    const ed = new TestEditor(10, 10).brush(3);
    ed.drag([1.5, 1.5], [2.5, 1.5]);
    ed.down(5.5, 5.5).move(8.5, 8.5);
    ed.cancel();
    expect(ed.state.ops).toHaveLength(1);
    expect(ed.filled).toBe(rasterize(ed.state.ops, 10, 10).filter((v) => v === 255).length);
    // The overlay no longer shows the abandoned stroke.
    const px = ed.overlay({ x: 8, y: 8, w: 1, h: 1 }, { r: 0, g: 0, b: 0, a: 1 })!;
    expect(px[3]).toBe(0);
    ed.up(8.5, 8.5);
    expect(ed.state.ops).toHaveLength(1);
  });

  it('erases with the eraser tool', () => {
    const ed = new TestEditor(10, 10).brush(5);
    ed.drag([5.5, 5.5]);
    expect(ed.filled).toBe(21);
    ed.setTool('eraser');
    ed.brush(1).drag([5.5, 5.5]);
    expect(ed.filled).toBe(20);
    expect(ed.state.ops.map((o) => o.type === 'stroke' && o.mode)).toEqual(['paint', 'erase']);
  });

  it('inverts and clears as undoable commands', () => {
    const ed = new TestEditor(10, 10).brush(5);
    ed.drag([5.5, 5.5]);
    ed.invert();
    expect(ed.filled).toBe(79);
    ed.clear();
    expect(ed.filled).toBe(0);
    expect(ed.clear()).toBe(false); // already clear: no empty undo step
    ed.undo();
    expect(ed.filled).toBe(79);
    ed.undo();
    expect(ed.filled).toBe(21);
  });

  it('a new stroke drops the redo stack', () => {
    const ed = new TestEditor(10, 10).brush(1);
    ed.drag([1.5, 1.5]);
    ed.undo();
    ed.drag([3.5, 3.5]);
    expect(ed.redo()).toBe(false);
    expect(ed.filled).toBe(1);
  });

  it('keeps at least 200 undo steps and matches a full rasterisation after undo and redo', () => {
    const ed = new TestEditor(40, 40).brush(3);
    for (let i = 0; i < 250; i++) {
      if (i % 37 === 36) ed.invert();
      else ed.drag([i % 40, (i * 7) % 40], [(i * 3) % 40, (i * 11) % 40]);
    }
    expect(ed.state.ops).toHaveLength(250);
    for (let i = 0; i < 210; i++) expect(ed.undo()).toBe(true);
    expect([...ed.mask!]).toEqual([...rasterize(ed.state.ops, 40, 40)]);
    for (let i = 0; i < 100; i++) ed.redo();
    expect(ed.state.ops).toHaveLength(140);
    expect([...ed.mask!]).toEqual([...rasterize(ed.state.ops, 40, 40)]);
  });

  it('pans with the middle button and with Space held, leaving the mask alone', () => {
    const ed = new TestEditor(10, 10);
    ed.down(1, 1, { middle: true }).move(4, 6).up(5, 7);
    expect(ed.state.viewport).toMatchObject({ x: 4, y: 6 });
    ed.setSpacePan(true);
    ed.drag([0, 0], [2, 0]);
    expect(ed.state.viewport).toMatchObject({ x: 6, y: 6 });
    expect(ed.state.ops).toHaveLength(0);
  });

  it('ignores strokes that miss the image entirely', () => {
    const ed = new TestEditor(10, 10).brush(3);
    ed.drag([-30, -30], [-20, -20]);
    expect(ed.state.ops).toHaveLength(0);
  });

  it('restores a draft (ops and redo) when loading an image', () => {
    const ed = new TestEditor(10, 10).brush(5);
    ed.drag([5.5, 5.5]);
    const ops = ed.state.ops;
    const other = new TestEditor(4, 4);
    other.loadImage({ id: 'b'.repeat(64), width: 10, height: 10, url: '' }, ops, [{ type: 'invert' }]);
    expect(countFilled(other.mask!)).toBe(21);
    other.redo();
    expect(countFilled(other.mask!)).toBe(79);
  });
});
