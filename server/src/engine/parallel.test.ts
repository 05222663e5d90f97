import { describe, expect, it } from 'vitest';
import { boxMask, loadFixture } from '../../bench/engine/images.ts';
import { fill } from './index.ts';
import { DEFAULT_PATCHMATCH, patchMatchFill } from './patchmatch.ts';
import { Team } from './team.ts';
import { FillCancelled, type FillImage } from './types.ts';

/** The cobbles fixture tiled to 256², with a 160×140 hole: large enough that the votes are split. */
async function tiled(): Promise<FillImage> {
  const cobbles = await loadFixture('cobbles_128.png');
  const img = { width: 256, height: 256, rgba: new Uint8Array(256 * 256 * 4) };
  for (let y = 0; y < 256; y++) {
    for (let x = 0; x < 256; x++) {
      const s = ((y % 128) * 128 + (x % 128)) * 4;
      img.rgba.set(cobbles.rgba.subarray(s, s + 4), (y * 256 + x) * 4);
    }
  }
  return img;
}

describe('the two-thread path', async () => {
  const img = await tiled();
  const mask = boxMask(256, 256, 50, 60, 160, 140);
  await Team.warm();

  it('gives the serial result byte for byte, for the default and the unsearched-finest schedules', () => {
    for (const options of [DEFAULT_PATCHMATCH, { ...DEFAULT_PATCHMATCH, maxRefineHole: 500 }]) {
      const before = Team.get().helped;
      const serial = patchMatchFill(img, mask, 4, {}, options, 1).rgba;
      expect(Team.get().helped).toBe(before);
      const parallel = patchMatchFill(img, mask, 4, {}, options, 2).rgba;
      expect(Team.get().helped).toBeGreaterThan(before);
      expect(Buffer.from(parallel).equals(Buffer.from(serial))).toBe(true);
    }
    const viaFill = fill({ image: img, mask, seed: 4, threads: 2 }).rgba;
    expect(Buffer.from(viaFill).equals(Buffer.from(patchMatchFill(img, mask, 4).rgba))).toBe(true);
  });

  it('stops when cancelled and the helper serves the next fill', () => {
    let calls = 0;
    expect(() =>
      patchMatchFill(
        img,
        mask,
        2,
        { onProgress: () => calls++, isCancelled: () => calls >= 4 },
        undefined,
        2,
      ),
    ).toThrow(FillCancelled);
    expect(calls).toBe(4);
    const again = patchMatchFill(img, mask, 2, {}, undefined, 2).rgba;
    expect(Buffer.from(again).equals(Buffer.from(patchMatchFill(img, mask, 2).rgba))).toBe(true);
  });
});
