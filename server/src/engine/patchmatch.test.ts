import { describe, expect, it } from 'vitest';
import { holeMetrics } from '../../bench/engine/metrics.ts';
import { diffusionFill } from './diffusion.ts';
import { fill } from './index.ts';
import { chooseMethod } from './method.ts';
import { DEFAULT_PATCHMATCH, patchMatchFill } from './patchmatch.ts';
import { contextRegion } from './region.ts';
import { boxMask, loadFixture } from '../../bench/engine/images.ts';
import { FillCancelled } from './types.ts';
import runFill, { CONTROL_CANCEL } from './worker.ts';

describe('PatchMatch completion', async () => {
  const cobbles = await loadFixture('cobbles_128.png');
  const astronaut = await loadFixture('astronaut_128.png');
  const { width: w, height: h } = cobbles;
  const box = boxMask(w, h, 40, 86, 32, 32);

  it('fills texture that a diffusion fill smears (quality floor)', () => {
    const pm = holeMetrics(patchMatchFill(cobbles, box, 1).rgba, cobbles.rgba, box, w, h);
    const diff = holeMetrics(diffusionFill(cobbles, box).rgba, cobbles.rgba, box, w, h);
    expect(pm.texture).toBeGreaterThan(0.45);
    expect(pm.texture).toBeLessThan(1.3);
    expect(pm.psnr).toBeGreaterThan(21);
    expect(diff.texture).toBeLessThan(0.45);
  });

  it('is deterministic per seed and varies across seeds', () => {
    const a = patchMatchFill(astronaut, boxMask(128, 128, 70, 10, 30, 30), 11).rgba;
    const b = patchMatchFill(astronaut, boxMask(128, 128, 70, 10, 30, 30), 11).rgba;
    const c = patchMatchFill(astronaut, boxMask(128, 128, 70, 10, 30, 30), 12).rgba;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    // Visibly different: a good share of the hole's pixels differ clearly, not a rounding wobble.
    let differ = 0;
    for (let i = 0; i < a.length; i += 4) {
      const d = Math.abs(a[i]! - c[i]!) + Math.abs(a[i + 1]! - c[i + 1]!) + Math.abs(a[i + 2]! - c[i + 2]!);
      if (d > 30) differ++;
    }
    expect(differ / (30 * 30)).toBeGreaterThan(0.1);
  });

  it('leaves every pixel outside the hole untouched and makes the hole opaque', () => {
    const out = patchMatchFill(cobbles, box, 5).rgba;
    let changedOutside = 0;
    for (let i = 0; i < w * h; i++) {
      for (let c = 0; c < 4; c++) {
        if (!box[i] && out[i * 4 + c] !== cobbles.rgba[i * 4 + c]) changedOutside++;
      }
      if (box[i] && out[i * 4 + 3] !== 255) changedOutside++;
    }
    expect(changedOutside).toBe(0);
  });

  it('ignores pixels beyond the context margin and under the hole', () => {
    const big = { width: 400, height: 300, rgba: new Uint8Array(400 * 300 * 4) };
    for (let y = 0; y < 300; y++) {
      for (let x = 0; x < 400; x++) {
        const s = ((y % 128) * 128 + (x % 128)) * 4;
        big.rgba.set(cobbles.rgba.subarray(s, s + 4), (y * 400 + x) * 4);
      }
    }
    const mask = boxMask(400, 300, 180, 130, 24, 20);
    const region = contextRegion(mask, 400, 300, DEFAULT_PATCHMATCH.patchSize)!;
    expect(region.w).toBeLessThan(400);
    const altered = new Uint8Array(big.rgba);
    for (let y = 0; y < 300; y++) {
      for (let x = 0; x < 400; x++) {
        const inside =
          x >= region.x0 && x < region.x0 + region.w && y >= region.y0 && y < region.y0 + region.h;
        const i = (y * 400 + x) * 4;
        if (!inside || mask[y * 400 + x]) altered.set([x % 256, y % 256, 77, 255], i);
      }
    }
    const a = patchMatchFill(big, mask, 3).rgba;
    const b = patchMatchFill({ ...big, rgba: altered }, mask, 3).rgba;
    let differ = 0;
    for (let i = 0; i < 400 * 300; i++) {
      if (mask[i]) for (let c = 0; c < 4; c++) if (a[i * 4 + c] !== b[i * 4 + c]) differ++;
    }
    expect(differ).toBe(0);
  });

  it('still fills texture when large-hole levels skip the search', () => {
    const opts = { ...DEFAULT_PATCHMATCH, maxRefineHole: 500 };
    const out = patchMatchFill(cobbles, box, 1, {}, opts).rgba;
    const m = holeMetrics(out, cobbles.rgba, box, w, h);
    expect(m.texture).toBeGreaterThan(0.45);
    let changedOutside = 0;
    for (let i = 0; i < w * h * 4; i++) if (!box[i >> 2] && out[i] !== cobbles.rgba[i]) changedOutside++;
    expect(changedOutside).toBe(0);
  });

  it('fills holes touching the image border', () => {
    const corner = boxMask(w, h, 0, h - 24, 30, 24);
    const out = patchMatchFill(cobbles, corner, 2);
    const m = holeMetrics(out.rgba, cobbles.rgba, corner, w, h);
    expect(m.psnr).toBeGreaterThan(15);
    expect(m.texture).toBeGreaterThan(0.3);
  });

  it('reports increasing progress ending at 1 and stops when cancelled', () => {
    const seen: number[] = [];
    patchMatchFill(cobbles, box, 1, { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.every((p, i) => i === 0 || p >= seen[i - 1]!)).toBe(true);
    expect(seen[seen.length - 1]).toBe(1);
    let calls = 0;
    expect(() =>
      patchMatchFill(cobbles, box, 1, { onProgress: () => calls++, isCancelled: () => calls >= 3 }),
    ).toThrow(FillCancelled);
    expect(calls).toBe(3);
  });

  it('returns cancelled from the worker entry when the shared flag is set', () => {
    const control = new SharedArrayBuffer(8);
    new Int32Array(control)[CONTROL_CANCEL] = 1;
    const result = runFill({
      width: w,
      height: h,
      rgba: cobbles.rgba,
      mask: box,
      seed: 1,
      method: 'auto',
      control,
    });
    expect(result).toEqual({ ok: false, cancelled: true });
  });

  it("'auto' sends thin scratches to diffusion and real holes to PatchMatch", () => {
    const scratch = new Uint8Array(w * h);
    for (let x = 10; x < 120; x++) for (let y = 60 + (x >> 4); y < 64 + (x >> 4); y++) scratch[y * w + x] = 1;
    expect(chooseMethod('auto', scratch, w, h)).toBe('diffusion');
    expect(chooseMethod(undefined, box, w, h)).toBe('patchmatch');
    expect(chooseMethod('patchmatch', scratch, w, h)).toBe('patchmatch');
    const viaAuto = fill({ image: cobbles, mask: scratch, seed: 1 }).rgba;
    expect(Buffer.from(viaAuto).equals(Buffer.from(diffusionFill(cobbles, scratch).rgba))).toBe(true);
  });

  it('falls back to diffusion when the hole leaves no source patch', () => {
    const all = new Uint8Array(w * h).fill(1);
    for (let i = 0; i < 20; i++) all[i] = 0;
    const out = fill({ image: cobbles, mask: all, seed: 1, method: 'patchmatch' });
    expect(out.rgba.length).toBe(cobbles.rgba.length);
  });
});
