import { describe, expect, it, vi } from 'vitest';
import { BrushTool } from './BrushTool.ts';
import { EraserTool } from './EraserTool.ts';
import { PanTool } from './PanTool.ts';
import type { ToolContext } from './Tool.ts';

const ctx = (): ToolContext => ({
  beginStroke: vi.fn(),
  extendStroke: vi.fn(),
  commitStroke: vi.fn(),
  cancelStroke: vi.fn(),
  panBy: vi.fn(),
  showShape: vi.fn(),
  commitShape: vi.fn(),
  viewScale: () => 1,
});
const at = (x: number, y: number) => ({ x, y, sx: x * 2, sy: y * 2 });

describe('tool state machines', () => {
  it('brush: idle → drawing → idle, committing on pointer-up', () => {
    const tool = new BrushTool();
    const c = ctx();
    tool.onPointerMove(c, at(1, 1));
    expect(c.extendStroke).not.toHaveBeenCalled();
    tool.onPointerDown(c, at(1, 1));
    expect(tool.state).toBe('drawing');
    expect(c.beginStroke).toHaveBeenCalledWith('paint', 1, 1, undefined);
    tool.onPointerMove(c, at(2, 3));
    tool.onPointerUp(c, at(4, 5));
    expect(c.extendStroke).toHaveBeenLastCalledWith(4, 5, undefined);
    expect(c.commitStroke).toHaveBeenCalledOnce();
    expect(tool.state).toBe('idle');
  });

  it('eraser strokes erase, and cancel abandons without committing', () => {
    const tool = new EraserTool();
    const c = ctx();
    tool.onPointerDown(c, at(1, 1));
    expect(c.beginStroke).toHaveBeenCalledWith('erase', 1, 1, undefined);
    tool.onCancel(c);
    expect(c.cancelStroke).toHaveBeenCalledOnce();
    tool.onPointerUp(c, at(2, 2));
    expect(c.commitStroke).not.toHaveBeenCalled();
    expect(tool.state).toBe('idle');
  });

  it('pan moves the view by the screen-space delta', () => {
    const tool = new PanTool();
    const c = ctx();
    tool.onPointerDown(c, at(1, 1));
    tool.onPointerMove(c, at(3, 1));
    expect(c.panBy).toHaveBeenLastCalledWith(4, 0);
    tool.onPointerUp(c, at(3, 2));
    expect(c.panBy).toHaveBeenLastCalledWith(0, 2);
    tool.onPointerMove(c, at(9, 9));
    expect(c.panBy).toHaveBeenCalledTimes(2);
  });
});
