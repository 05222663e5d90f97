import { describe, expect, it } from 'vitest';
import { cropLevel } from './level.ts';
import {
  computeDistances,
  createNnf,
  findSources,
  patchDistance,
  patchMatchPass,
  randomInit,
} from './nnf.ts';
import { occurrencePenalty } from './occurrence.ts';
import { createRng } from './prng.ts';
import { contextRegion } from './region.ts';
import { boxMask, loadFixture } from '../../bench/engine/images.ts';

describe('PatchMatch nearest-neighbour field', async () => {
  const img = await loadFixture('cobbles_128.png');
  const mask = boxMask(img.width, img.height, 40, 50, 36, 30);
  const region = contextRegion(mask, img.width, img.height, 7)!;
  const level = cropLevel(img.rgba, mask, img.width, region);
  const radius = 3;
  const sources = findSources(level, radius, 1);
  const nnf = createNnf(level, radius);
  randomInit(nnf, sources, createRng(7));
  computeDistances(nnf, level, radius);

  it('targets cover every pixel whose patch touches the hole', () => {
    let wrong = 0;
    for (let y = 0; y < level.h; y++) {
      for (let x = 0; x < level.w; x++) {
        let touches = false;
        for (let dy = -radius; dy <= radius; dy++) {
          for (let dx = -radius; dx <= radius; dx++) {
            const yy = y + dy;
            const xx = x + dx;
            if (yy >= 0 && yy < level.h && xx >= 0 && xx < level.w && level.hole[yy * level.w + xx])
              touches = true;
          }
        }
        if (nnf.targetOf[y * level.w + x]! >= 0 !== touches) wrong++;
      }
    }
    expect(wrong).toBe(0);
  });

  it('keeps every entry on a legal source and never increases a distance', () => {
    const rng = createRng(3);
    let before = Float32Array.from(nnf.dist);
    let illegal = 0;
    let increased = 0;
    let stale = 0;
    for (let pass = 0; pass < 4; pass++) {
      patchMatchPass(nnf, level, sources, radius, Math.max(level.w, level.h), rng, pass % 2 === 1);
      for (let k = 0; k < nnf.targets.length; k++) {
        const s = nnf.src[k]!;
        const sx = s % level.w;
        const sy = (s - sx) / level.w;
        if (sx < radius || sx >= level.w - radius || sy < radius || sy >= level.h - radius) illegal++;
        // The patch and a one-pixel clearance around it stay off the hole.
        for (let dy = -radius - 1; dy <= radius + 1; dy++) {
          for (let dx = -radius - 1; dx <= radius + 1; dx++) {
            const yy = sy + dy;
            const xx = sx + dx;
            if (yy >= 0 && yy < level.h && xx >= 0 && xx < level.w && level.hole[yy * level.w + xx])
              illegal++;
          }
        }
        if (nnf.dist[k]! > before[k]!) increased++;
        const exact = patchDistance(level, radius, nnf.targets[k]!, s, Infinity);
        if (Math.abs(exact - nnf.dist[k]!) > 1e-3 * exact + 1e-3) stale++;
      }
      before = Float32Array.from(nnf.dist);
    }
    expect({ illegal, increased, stale }).toEqual({ illegal: 0, increased: 0, stale: 0 });
    const mean = nnf.dist.reduce((a, b) => a + b, 0) / nnf.dist.length;
    expect(mean).toBeGreaterThan(0);
  });

  it('never increases the penalised cost when a reuse penalty is on', () => {
    const rng = createRng(9);
    randomInit(nnf, sources, rng);
    computeDistances(nnf, level, radius);
    for (let pass = 0; pass < 2; pass++)
      patchMatchPass(nnf, level, sources, radius, level.w, rng, pass === 1);
    const penalty = new Float32Array(level.w * level.h);
    occurrencePenalty(nnf, level, radius, 1, penalty);
    const cost = () => Array.from(nnf.dist, (d, k) => d + penalty[nnf.src[k]!]!);
    let before = cost();
    let increased = 0;
    for (let pass = 0; pass < 3; pass++) {
      patchMatchPass(nnf, level, sources, radius, level.w, rng, pass % 2 === 1, penalty);
      const after = cost();
      for (let k = 0; k < after.length; k++) if (after[k]! > before[k]! + 1e-3) increased++;
      before = after;
    }
    expect(increased).toBe(0);
    expect(penalty.some((p) => p > 0)).toBe(true);
  });
});
