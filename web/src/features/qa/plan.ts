import { MAX_SEED, type ProviderInfo, type Size } from '@maskfill/server/contract';
import {
  estimateCost,
  estimateSeconds,
  sumCosts,
  typicalSeconds,
  type CostEstimate,
  type Limits,
} from '../../lib/cost.ts';

/** Non-empty prompt lines, trimmed, first occurrence kept. */
export function parsePrompts(text: string): string[] {
  return [...new Set(text.split('\n').map((l) => l.trim()))].filter((l) => l !== '');
}

/**
 * Seeds: a list ("1, 2, 3" or one per line) or "N random". Returns the seeds, or an error to show.
 * `random` is injectable for tests.
 */
export function parseSeeds(text: string, random: () => number = Math.random): number[] | { error: string } {
  const t = text.trim();
  const many = /^(\d+)\s+random$/i.exec(t);
  if (many) {
    const n = Number(many[1]);
    if (n < 1 || n > 50) return { error: 'Ask for 1 to 50 random seeds.' };
    const out = new Set<number>();
    while (out.size < n) out.add(Math.floor(random() * (MAX_SEED + 1)));
    return [...out];
  }
  const parts = t.split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.length === 0) return { error: 'Give at least one seed, or "4 random".' };
  const seeds: number[] = [];
  for (const p of parts) {
    if (!/^\d+$/.test(p) || Number(p) > MAX_SEED)
      return { error: `"${p}" is not a seed (0 to ${MAX_SEED}).` };
    if (!seeds.includes(Number(p))) seeds.push(Number(p));
  }
  return seeds;
}

export interface BatchPlan {
  calls: number;
  perProvider: { provider: ProviderInfo; calls: number; cost: CostEstimate; seconds: number }[];
  usd: number;
  /** Some of it is billed by a plan rather than per call. */
  plan: boolean;
  /** Providers run side by side, so the batch takes as long as its slowest provider. */
  seconds: number;
}

/** Calls, cost and time for prompts × seeds on each provider, within each provider's admission limits. */
export function planBatch(
  prompts: number,
  seeds: number,
  providers: ProviderInfo[],
  output: Size,
  limits: (id: ProviderInfo['id']) => Limits,
): BatchPlan {
  const perProvider = providers.map((provider) => {
    const calls = prompts * seeds;
    return {
      provider,
      calls,
      cost: estimateCost(provider, output, calls),
      seconds: estimateSeconds(calls, limits(provider.id), typicalSeconds(provider.id, output)),
    };
  });
  const { usd, plan } = sumCosts(perProvider.map((p) => p.cost));
  return {
    calls: perProvider.reduce((n, p) => n + p.calls, 0),
    perProvider,
    usd,
    plan,
    seconds: Math.max(0, ...perProvider.map((p) => p.seconds)),
  };
}
