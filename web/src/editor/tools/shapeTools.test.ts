import { describe, expect, it } from 'vitest';
import { TestEditor } from '../TestEditor.ts';

describe('rectangle tool', () => {
  it('fills the pixels whose centres lie inside the dragged rectangle, as one undo step', () => {
    const ed = new TestEditor(10, 10);
    ed.setTool('rect');
    ed.down(2, 2).move(4, 4);
    // The outline shows while dragging; nothing is committed yet.
    expect(ed.state.shape?.points).toEqual([2, 2, 4, 2, 4, 4, 2, 4]);
    expect(ed.state.ops).toHaveLength(0);
    ed.up(6, 5);
    expect(ed.filled).toBe(4 * 3);
    expect(ed.state.ops).toHaveLength(1);
    expect(ed.state.shape).toBeNull();
    ed.undo();
    expect(ed.filled).toBe(0);
  });

  it('dragged in any direction covers the same pixels', () => {
    const ed = new TestEditor(10, 10);
    ed.setTool('rect');
    ed.drag([6, 5], [2, 2]);
    expect(ed.filled).toBe(12);
  });

  it('subtracts with Alt', () => {
    const ed = new TestEditor(10, 10);
    ed.fillAll();
    ed.setTool('rect');
    ed.pointerDown({ x: 0, y: 0, sx: 0, sy: 0, alt: true });
    expect(ed.state.shape?.mode).toBe('erase');
    ed.pointerUp({ x: 3, y: 10, sx: 3, sy: 10, alt: true });
    expect(ed.filled).toBe(100 - 30);
  });

  it('adds nothing for a click without area, and Escape drops the drag', () => {
    const ed = new TestEditor(10, 10);
    ed.setTool('rect');
    ed.drag([3, 3], [3, 3]);
    expect(ed.state.ops).toHaveLength(0);
    ed.down(1, 1).move(8, 8);
    ed.cancel();
    expect(ed.state.shape).toBeNull();
    ed.up(8, 8);
    expect(ed.state.ops).toHaveLength(0);
  });
});

describe('lasso tool', () => {
  it('closes the freehand outline on pointer-up and fills inside it', () => {
    const ed = new TestEditor(10, 10);
    ed.setTool('lasso');
    // A right triangle with legs of 8: pixel centres strictly under the diagonal.
    ed.drag([1, 1], [9, 1], [9, 9]);
    // Rows y = 1..8: centre y + 0.5 crosses the diagonal at x = y + 0.5, so row y holds 8 − y pixels.
    expect(ed.filled).toBe(8 + 7 + 6 + 5 + 4 + 3 + 2 + 1);
    expect(ed.state.ops.at(-1)).toMatchObject({ type: 'polygon', mode: 'paint' });
  });

  it('subtracts when Alt is held during the drag', () => {
    const ed = new TestEditor(10, 10);
    ed.fillAll();
    ed.setTool('lasso');
    ed.down(0, 0);
    ed.pointerMove({ x: 10, y: 0, sx: 10, sy: 0, alt: true });
    ed.move(10, 2).up(0, 2);
    expect(ed.filled).toBe(80);
  });

  it('a stroke too short to enclose anything and a cancelled one add nothing', () => {
    const ed = new TestEditor(10, 10);
    ed.setTool('lasso');
    ed.drag([1, 1], [5, 5]);
    ed.down(1, 1).move(8, 1).move(8, 8);
    ed.cancel();
    ed.up(1, 8);
    expect(ed.state.ops).toHaveLength(0);
    expect(ed.filled).toBe(0);
  });
});

describe('polygon tool', () => {
  const click = (ed: TestEditor, x: number, y: number, alt = false) => {
    ed.pointerDown({ x, y, sx: x, sy: y, alt });
    ed.pointerUp({ x, y, sx: x, sy: y, alt });
  };

  it('places a corner per click and closes on the first corner', () => {
    const ed = new TestEditor(20, 20);
    ed.setTool('polygon');
    click(ed, 2, 2);
    click(ed, 12, 2);
    click(ed, 12, 12);
    expect(ed.gestureActive).toBe(true);
    // The rubber band follows the pointer between clicks.
    ed.move(2, 12);
    expect(ed.state.shape?.points).toEqual([2, 2, 12, 2, 12, 12, 2, 12]);
    click(ed, 2, 12);
    expect(ed.state.ops).toHaveLength(0);
    click(ed, 3, 3); // within 8 screen px of (2, 2)
    expect(ed.gestureActive).toBe(false);
    expect(ed.state.ops).toHaveLength(1);
    expect(ed.filled).toBe(10 * 10);
  });

  it('closes with Enter, subtracts with Alt, and Escape drops every corner', () => {
    const ed = new TestEditor(40, 40);
    ed.fillAll();
    ed.setTool('polygon');
    click(ed, 0, 0, true);
    click(ed, 40, 0);
    click(ed, 40, 20);
    click(ed, 0, 20);
    expect(ed.commitGesture()).toBe(true);
    expect(ed.filled).toBe(800);

    click(ed, 0, 20);
    click(ed, 40, 20);
    click(ed, 40, 40);
    ed.cancel();
    expect(ed.state.shape).toBeNull();
    expect(ed.state.ops).toHaveLength(2);
    expect(ed.commitGesture()).toBe(false);
  });

  it('the close distance is measured on screen: zoomed in, a near click adds a corner instead', () => {
    const ed = new TestEditor(40, 40);
    ed.store.setState({ viewport: { x: 0, y: 0, scale: 4 } });
    ed.setTool('polygon');
    for (const [x, y] of [
      [2, 2],
      [30, 2],
      [30, 30],
      [4.5, 4.5], // 2.5 image px = 10 screen px from the first corner: a new corner
    ] as const)
      click(ed, x, y);
    expect(ed.state.ops).toHaveLength(0);
    click(ed, 3, 3);
    expect(ed.state.ops).toHaveLength(1);
  });

  it('Space-pan between clicks keeps the polygon in progress', () => {
    const ed = new TestEditor(10, 10);
    ed.setTool('polygon');
    click(ed, 1, 1);
    click(ed, 8, 1);
    ed.setSpacePan(true);
    ed.drag([5, 5], [6, 6]);
    ed.setSpacePan(false);
    expect(ed.state.viewport.x).toBe(1);
    click(ed, 8, 8);
    expect(ed.commitGesture()).toBe(true);
    expect(ed.state.ops).toHaveLength(1);
  });
});
