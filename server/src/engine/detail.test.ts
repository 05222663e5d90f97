import { describe, expect, it } from 'vitest';
import { boxMask, loadFixture } from '../../bench/engine/images.ts';
import { restoreDetail } from './detail.ts';
import { CHANNELS, cropLevel, type Level } from './level.ts';
import type { Nnf } from './nnf.ts';

/**
 * A level whose hole holds a blurred copy of the truth (what an averaging vote leaves), and an NNF whose
 * every hole pixel copies from `sourceOf(p)`.
 */
async function blurredFill(sourceOf: (level: Level, p: number) => number) {
  const cobbles = await loadFixture('cobbles_128.png');
  const { width: w, height: h } = cobbles;
  const hole = boxMask(w, h, 40, 40, 40, 40);
  const region = { x0: 0, y0: 0, w, h, holeCount: 1600 };
  const truth = cropLevel(cobbles.rgba, new Uint8Array(w * h), w, region);
  const level = cropLevel(cobbles.rgba, hole, w, region);
  for (const p of level.holeList) {
    for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) s += truth.feat[(p + dy * w + dx) * CHANNELS + c]!;
      level.feat[p * CHANNELS + c] = s / 9;
    }
  }
  const targetOf = new Int32Array(w * h).fill(-1);
  level.holeList.forEach((p, k) => (targetOf[p] = k));
  const src = Int32Array.from(level.holeList, (p) => sourceOf(level, p));
  const nnf: Nnf = { targets: level.holeList, targetOf, src, dist: new Float32Array(src.length) };
  return { level, nnf, truth, w };
}

/** Mean |∂L/∂x| + |∂L/∂y| over the hole's inner pixels. */
function holeEnergy(level: Level, w: number): number {
  let sum = 0;
  let n = 0;
  for (const p of level.holeList) {
    const x = p % w;
    const y = (p - x) / w;
    if (x <= 41 || x >= 78 || y <= 41 || y >= 78) continue;
    const l = (q: number) => level.feat[q * CHANNELS]!;
    sum += Math.abs(l(p + 1) - l(p - 1)) / 2 + Math.abs(l(p + w) - l(p - w)) / 2;
    n++;
  }
  return sum / n;
}

// The same texture 40 px to the left: the sources carry the truth's texture energy.
const textured = (level: Level, p: number) => p - 40;

describe('restoreDetail', () => {
  it('brings a blurred fill’s texture energy back toward its sources’, without overshooting them', async () => {
    const { level, nnf, truth, w } = await blurredFill(textured);
    const before = holeEnergy(level, w);
    const target = holeEnergy({ ...truth, holeList: level.holeList }, w);
    expect(before / target).toBeLessThan(0.6);
    restoreDetail(level, nnf, 4);
    const after = holeEnergy(level, w);
    expect(after / target).toBeGreaterThan(0.8);
    expect(after / target).toBeLessThan(1.2);
  });

  it('leaves known pixels alone, and the fill unchanged when its sources are smooth or the gain is 1', async () => {
    const { level, nnf } = await blurredFill(textured);
    const known = level.feat.filter((_, i) => !level.hole[Math.floor(i / CHANNELS)]);
    const copy = new Float32Array(level.feat);
    restoreDetail(level, nnf, 1);
    expect(level.feat).toEqual(copy);
    restoreDetail(level, nnf, 4);
    expect(level.feat.filter((_, i) => !level.hole[Math.floor(i / CHANNELS)])).toEqual(known);

    // Sources with no texture energy ask for none: the blurred fill stays as it is.
    const smooth = await blurredFill((l) => {
      const flat = l.holeList[0]! - 40;
      for (let c = 3; c < CHANNELS; c++) l.feat[flat * CHANNELS + c] = 0;
      return flat;
    });
    const smoothBefore = new Float32Array(smooth.level.feat);
    restoreDetail(smooth.level, smooth.nnf, 4);
    expect(smooth.level.feat).toEqual(smoothBefore);
  });
});
