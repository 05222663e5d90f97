import { describe, expect, it } from 'vitest';
import { pinchStep } from './pinch.ts';
import { TestEditor } from './TestEditor.ts';

describe('pinchStep', () => {
  it('spreading fingers zooms about their midpoint; moving both pans', () => {
    const s = pinchStep(
      [
        { x: 90, y: 100 },
        { x: 110, y: 100 },
      ],
      [
        { x: 80, y: 100 },
        { x: 120, y: 100 },
      ],
    );
    expect(s).toEqual({ dx: 0, dy: 0, factor: 2, cx: 100, cy: 100 });
    const pan = pinchStep(
      [
        { x: 0, y: 0 },
        { x: 10, y: 0 },
      ],
      [
        { x: 5, y: 7 },
        { x: 15, y: 7 },
      ],
    );
    expect(pan).toMatchObject({ dx: 5, dy: 7, factor: 1 });
  });

  it('applied to the editor, the image point under the fingers stays under them', () => {
    const ed = new TestEditor(100, 100);
    const s = pinchStep(
      [
        { x: 40, y: 50 },
        { x: 60, y: 50 },
      ],
      [
        { x: 35, y: 60 },
        { x: 75, y: 60 },
      ],
    );
    ed.panBy(s.dx, s.dy);
    ed.zoomAt(s.factor, s.cx, s.cy);
    // Image point (50, 50) was under the old midpoint; it is now under the new one (55, 60).
    const v = ed.state.viewport;
    expect(v.scale).toBe(2);
    expect(v.x + 50 * v.scale).toBeCloseTo(55);
    expect(v.y + 50 * v.scale).toBeCloseTo(60);
  });
});
