import { describe, expect, it } from 'vitest';
import { compositeOver, featherMask, measureLeak, type Rgba } from './pixels.ts';

const raster = (width: number, height: number, pixels: number[][]): Rgba => ({
  width,
  height,
  data: Uint8Array.from(pixels.flatMap(([r = 0, g = 0, b = 0, a = 255]) => [r, g, b, a])),
});

describe('featherMask', () => {
  it('averages 2r+1 samples each way with clamped edges', () => {
    expect([...featherMask(Uint8Array.from([0, 0, 255, 0, 0]), 5, 1, 1)]).toEqual([0, 85, 85, 85, 0]);
    // 3×3 with the centre filled: each pass spreads a third, so the centre keeps 255/9 rounded twice.
    const m = featherMask(Uint8Array.from([0, 0, 0, 0, 255, 0, 0, 0, 0]), 3, 3, 1);
    expect([...m]).toEqual([28, 28, 28, 28, 28, 28, 28, 28, 28]);
  });

  it('radius 0 is a copy', () => {
    const mask = Uint8Array.from([0, 255]);
    const out = featherMask(mask, 2, 1, 0);
    expect([...out]).toEqual([0, 255]);
    expect(out).not.toBe(mask);
  });
});

describe('compositeOver', () => {
  it('keeps the source where alpha is 0, the output where 255, and blends between', () => {
    const source = raster(3, 1, [
      [10, 20, 30],
      [10, 20, 30],
      [10, 20, 30],
    ]);
    const output = raster(3, 1, [
      [250, 200, 100],
      [250, 200, 100],
      [250, 200, 100],
    ]);
    const { data } = compositeOver(source, output, Uint8Array.from([0, 255, 128]));
    expect([...data]).toEqual([10, 20, 30, 255, 250, 200, 100, 255, 130, 110, 65, 255]);
  });

  it('refuses rasters of different sizes', () => {
    expect(() => compositeOver(raster(1, 1, [[0]]), raster(2, 1, [[0], [0]]), Uint8Array.of(0))).toThrow(
      /sizes differ/,
    );
  });
});

describe('measureLeak', () => {
  it('counts outside pixels changed beyond the threshold and paints only those', () => {
    const source = raster(4, 1, [[0], [0], [0], [0]]);
    const output = raster(4, 1, [[100], [16], [17], [0, 0, 200]]);
    const leak = measureLeak(source, output, Uint8Array.from([255, 0, 0, 0]), 16);
    expect(leak.outside).toBe(3);
    expect(leak.changed).toBe(2);
    expect(leak.changedFraction).toBeCloseTo(2 / 3, 12);
    // Inside the mask and at the threshold: transparent. Just over: yellow. Far over: red.
    expect([...leak.heatmap.data]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 255, 253, 0, 220, 255, 0, 0, 220]);
  });

  it('is 0 when the mask covers everything', () => {
    const leak = measureLeak(raster(1, 1, [[0]]), raster(1, 1, [[255]]), Uint8Array.of(255), 16);
    expect(leak).toMatchObject({ outside: 0, changed: 0, changedFraction: 0 });
  });
});
