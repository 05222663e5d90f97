import { describe, expect, it } from 'vitest';
import { estimateCost, estimateSeconds, formatCost, formatDuration, sumCosts } from './cost.ts';

const fal = { id: 'fal', label: 'fal', pricing: { usdPerMegapixelPerImage: 0.05 } } as const;
const firefly = { id: 'firefly', label: 'Firefly' } as const;
const local = { id: 'local', label: 'Local' } as const;

describe('estimateCost', () => {
  it('prices fal per megapixel per image', () => {
    const e = estimateCost(fal, { width: 1024, height: 1024 }, 4);
    expect(e.kind).toBe('usd');
    expect(e.kind === 'usd' && e.usd).toBeCloseTo(0.05 * 1.048576 * 4, 10);
    expect(formatCost(e)).toBe('≈ $0.21 (4 × 1.05 MP × $0.05/MP)');
    const half = estimateCost(fal, { width: 512, height: 512 }, 1);
    expect(half.kind === 'usd' && half.usd).toBeCloseTo(0.0131072, 10);
  });

  it('is free on the local engine, and billed by plan on Firefly without a per-call price', () => {
    expect(estimateCost(local, { width: 4000, height: 4000 }, 4)).toEqual({ kind: 'free' });
    expect(formatCost(estimateCost(firefly, { width: 1024, height: 1024 }, 4))).toBe(
      'Billed by your Adobe plan',
    );
    const perCall = estimateCost(
      { ...firefly, pricing: { usdPerCall: 0.02 } },
      { width: 1, height: 1 },
      4,
      1,
    );
    expect(perCall).toMatchObject({ kind: 'usd', usd: 0.02 });
  });

  it('sums dollars and remembers plan-billed parts', () => {
    const parts = [
      estimateCost(fal, { width: 1000, height: 1000 }, 2),
      estimateCost(local, { width: 1000, height: 1000 }, 2),
      estimateCost(firefly, { width: 1000, height: 1000 }, 2),
    ];
    expect(sumCosts(parts)).toEqual({ usd: 0.1, plan: true });
  });
});

describe('estimateSeconds', () => {
  it('is bound by the per-minute limit: 12 Firefly calls at 4/min start in three minutes', () => {
    expect(estimateSeconds(12, { concurrency: 4, requestsPerMinute: 4 }, 15)).toBe(2 * 60 + 15);
    expect(estimateSeconds(4, { concurrency: 4, requestsPerMinute: 4 }, 15)).toBe(15);
  });
  it('is bound by concurrency without a rate limit', () => {
    expect(estimateSeconds(12, { concurrency: 2, requestsPerMinute: null }, 3)).toBe(18);
    expect(estimateSeconds(0, { concurrency: 2, requestsPerMinute: null }, 3)).toBe(0);
  });
  it('formats durations', () => {
    expect(formatDuration(135)).toBe('2 min 15 s');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(120)).toBe('2 min');
  });
});
