import type { ProviderInfo } from '@maskfill/server/contract';
import { describe, expect, it } from 'vitest';
import { parsePrompts, parseSeeds, planBatch } from './plan.ts';

const info = (id: ProviderInfo['id'], pricing?: ProviderInfo['pricing']) =>
  ({ id, label: id, ...(pricing ? { pricing } : {}) }) as ProviderInfo;

describe('batch form parsing', () => {
  it('takes one prompt per non-empty line, trimmed and without repeats', () => {
    expect(parsePrompts(' a door \n\nivy\na door\n  ')).toEqual(['a door', 'ivy']);
  });
  it('reads a seed list or "N random"', () => {
    expect(parseSeeds('1, 2 3;4\n5')).toEqual([1, 2, 3, 4, 5]);
    expect(parseSeeds('7, 7, 8')).toEqual([7, 8]);
    let n = 0;
    const seeds = parseSeeds('3 random', () => [0.5, 0.5, 0.25, 0.75][n++]!);
    expect(seeds).toEqual([1073741824, 536870912, 1610612736]);
    expect(parseSeeds('12x')).toEqual({ error: expect.stringContaining('"12x" is not a seed') });
    expect(parseSeeds('')).toHaveProperty('error');
    expect(parseSeeds('99 random')).toHaveProperty('error');
  });
});

describe('planBatch', () => {
  it('counts calls per provider, sums dollar costs and takes the slowest provider’s time', () => {
    const plan = planBatch(
      3,
      4,
      [info('local'), info('fal', { usdPerMegapixelPerImage: 0.05 }), info('firefly')],
      { width: 1000, height: 1000 },
      (id) =>
        id === 'firefly'
          ? { concurrency: 4, requestsPerMinute: 4 }
          : { concurrency: id === 'fal' ? 2 : 1, requestsPerMinute: null },
    );
    expect(plan.calls).toBe(36);
    expect(plan.usd).toBeCloseTo(12 * 0.05, 10);
    expect(plan.plan).toBe(true);
    // Firefly: 12 calls at 4/min → the last starts after two minutes, plus one call's typical 15 s.
    expect(plan.perProvider.find((p) => p.provider.id === 'firefly')?.seconds).toBe(135);
    expect(plan.seconds).toBe(135);
  });
});
