import { describe, expect, it } from 'vitest';
import { screenToImage } from '../editor/viewport.ts';
import {
  centreViewOn,
  grabOffset,
  imageFitsView,
  minimapFrame,
  viewCentre,
  visibleImageRect,
} from './minimap.ts';

const image = { width: 4000, height: 2000 };
const view = { width: 800, height: 600 };

describe('minimap maths', () => {
  it('sizes the minimap to the image aspect inside the box', () => {
    expect(minimapFrame(image, { width: 200, height: 150 })).toEqual({
      width: 200,
      height: 100,
      scale: 0.05,
    });
    expect(minimapFrame({ width: 1000, height: 3000 }, { width: 200, height: 150 })).toEqual({
      width: 50,
      height: 150,
      scale: 0.05,
    });
  });

  it('knows when the whole image is on screen', () => {
    expect(imageFitsView({ x: 0, y: 200, scale: 0.2 }, view, image)).toBe(true); // 800×400
    expect(imageFitsView({ x: 0, y: 200, scale: 0.21 }, view, image)).toBe(false);
    expect(imageFitsView({ x: -10, y: 200, scale: 0.1 }, view, image)).toBe(false); // panned off the edge
  });

  it('maps the view to the image rectangle it shows, clipped to the image', () => {
    // At 100%, pixel (1000, 500) at the top left: the view shows 800×600 image pixels from there.
    expect(visibleImageRect({ x: -1000, y: -500, scale: 1 }, view, image)).toEqual({
      x: 1000,
      y: 500,
      w: 800,
      h: 600,
    });
    // At 200%, near the bottom right corner: clipped.
    expect(visibleImageRect({ x: -7800, y: -3800, scale: 2 }, view, image)).toEqual({
      x: 3900,
      y: 1900,
      w: 100,
      h: 100,
    });
    expect(visibleImageRect({ x: 900, y: 0, scale: 1 }, view, image)).toBeNull();
  });

  it('centres the view on an image point, keeping the zoom (round trip with viewCentre)', () => {
    const v = centreViewOn({ x: 123, y: -45, scale: 2 }, view, 1500, 700);
    expect(v.scale).toBe(2);
    expect(screenToImage(v, 400, 300)).toEqual({ x: 1500, y: 700 });
    expect(viewCentre(v, view)).toEqual({ x: 1500, y: 700 });
  });

  it('grabs the viewport rectangle at an offset, jumps anywhere else', () => {
    const v = { x: -1000, y: -500, scale: 1 }; // shows x 1000..1800, y 500..1100; centre (1400, 800)
    expect(grabOffset(v, view, image, 1300, 700)).toEqual({ dx: 100, dy: 100 });
    expect(grabOffset(v, view, image, 3000, 1500)).toEqual({ dx: 0, dy: 0 });
    // Dragging the grabbed rectangle by (+500, +200) image px moves the view by as much.
    const { dx, dy } = grabOffset(v, view, image, 1300, 700);
    const moved = centreViewOn(v, view, 1800 + dx, 900 + dy);
    expect(visibleImageRect(moved, view, image)).toEqual({ x: 1500, y: 700, w: 800, h: 600 });
  });
});
