import { describe, expect, it } from 'vitest';
import { maskFromRgba, SAMPLES } from './samples.ts';

describe('samples', () => {
  it('reads a white-on-black mask image as fill where bright', () => {
    const rgba = new Uint8ClampedArray([
      255, 255, 255, 255, 0, 0, 0, 255, 200, 200, 200, 255, 90, 90, 90, 255,
    ]);
    expect([...maskFromRgba(rgba, 2, 2)]).toEqual([255, 0, 255, 0]);
  });
  it('each sample names a shipped photo, mask and prompt', () => {
    expect(new Set(SAMPLES.map((s) => s.id)).size).toBe(SAMPLES.length);
    for (const s of SAMPLES) {
      expect(s.photo).toMatch(/^\/samples\/.+\.jpg$/);
      expect(s.mask).toMatch(/^\/samples\/.+\.png$/);
      expect(s.prompt.length).toBeGreaterThan(0);
    }
  });
});
