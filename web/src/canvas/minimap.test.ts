import { describe, expect, it } from 'vitest';
import { MAX_SCALE, MIN_SCALE, screenToImage } from '../editor/viewport.ts';
import {
  centreViewOn,
  grabOffset,
  imageFitsView,
  minimapFrame,
  viewCentre,
  visibleImageRect,
  zoomViewAbout,
} from './minimap.ts';
import { wheelZoomFactor } from './wheelZoom.ts';

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

  it('zooms about an image point: it keeps its screen place, on screen or off it', () => {
    const v = { x: -1000, y: -500, scale: 1 };
    for (const [ix, iy] of [
      [1400, 800], // on screen
      [3500, 100], // off screen: the visible rectangle scales about it, as the minimap shows
    ] as const) {
      const before = { x: v.x + ix * v.scale, y: v.y + iy * v.scale };
      const z = zoomViewAbout(v, 2, ix, iy);
      expect(z.scale).toBe(2);
      expect(screenToImage(z, before.x, before.y).x).toBeCloseTo(ix, 9);
      expect(screenToImage(z, before.x, before.y).y).toBeCloseTo(iy, 9);
      // In image space the visible rectangle shrank about (ix, iy): its corners moved halfway there.
      const r0 = visibleImageRect(v, view, image)!;
      const r1 = visibleImageRect(z, view, image)!;
      expect(r1.x).toBeCloseTo(ix + (r0.x - ix) / 2, 9);
      expect(r1.y).toBeCloseTo(iy + (r0.y - iy) / 2, 9);
    }
    // The canvas's limits hold.
    expect(zoomViewAbout(v, 1000, 10, 10).scale).toBe(MAX_SCALE);
    expect(zoomViewAbout(v, 1e-6, 10, 10).scale).toBe(MIN_SCALE);
  });

  it('steps the wheel like the canvas: exponential in pixels, lines as 16 px, a pinch (Ctrl) 4× faster', () => {
    const up = wheelZoomFactor({ deltaY: -100, deltaMode: 0, ctrlKey: false });
    expect(up).toBeCloseTo(Math.exp(0.15), 12);
    expect(wheelZoomFactor({ deltaY: 100, deltaMode: 0, ctrlKey: false })).toBeCloseTo(1 / up, 12);
    expect(wheelZoomFactor({ deltaY: -3, deltaMode: 1, ctrlKey: false })).toBeCloseTo(Math.exp(0.072), 12);
    expect(wheelZoomFactor({ deltaY: -10, deltaMode: 0, ctrlKey: true })).toBeCloseTo(Math.exp(0.06), 12);
  });
});
