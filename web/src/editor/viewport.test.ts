import { describe, expect, it } from 'vitest';
import { fitViewport, MAX_SCALE, screenToImage, zoomAt } from './viewport.ts';

describe('viewport', () => {
  it('zooms towards the cursor: the image point under it stays put', () => {
    const v = { x: 10, y: 20, scale: 1 };
    const before = screenToImage(v, 110, 220);
    const z = zoomAt(v, 2, 110, 220);
    expect(z.scale).toBe(2);
    expect(screenToImage(z, 110, 220)).toEqual(before);
  });

  it('clamps the zoom', () => {
    expect(zoomAt({ x: 0, y: 0, scale: 30 }, 4, 0, 0).scale).toBe(MAX_SCALE);
  });

  it('fits and centres the image, never enlarging past 100%', () => {
    expect(fitViewport(1000, 500, 564, 564, 32)).toEqual({ scale: 0.5, x: 32, y: 157 });
    expect(fitViewport(100, 100, 500, 300, 0)).toEqual({ scale: 1, x: 200, y: 100 });
  });
});
