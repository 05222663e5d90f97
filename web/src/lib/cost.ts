import type { ProviderId, ProviderInfo, Size } from '@maskfill/server/contract';

/** What a number of fills will cost on one provider, as far as we know it. */
export type CostEstimate =
  { kind: 'free' } | { kind: 'usd'; usd: number; detail: string } | { kind: 'plan'; detail: string };

const megapixels = (s: Size): number => (s.width * s.height) / 1_000_000;

/**
 * `images` outputs of `output` size on `provider`: local is free; a per-megapixel rule (fal) is priced per
 * image from the output's megapixels; a per-call rule counts calls; otherwise the bill is the provider's plan.
 */
export function estimateCost(
  provider: Pick<ProviderInfo, 'id' | 'label' | 'pricing'>,
  output: Size,
  images: number,
  calls = images,
): CostEstimate {
  if (provider.id === 'local') return { kind: 'free' };
  const perMp = provider.pricing?.usdPerMegapixelPerImage;
  if (perMp !== undefined) {
    const mp = megapixels(output);
    return {
      kind: 'usd',
      usd: perMp * mp * images,
      detail: `${images} × ${mp.toFixed(2)} MP × $${perMp}/MP`,
    };
  }
  const perCall = provider.pricing?.usdPerCall;
  if (perCall !== undefined)
    return { kind: 'usd', usd: perCall * calls, detail: `${calls} × $${perCall}/call` };
  return { kind: 'plan', detail: provider.id === 'firefly' ? 'billed by your Adobe plan' : 'price unknown' };
}

/** The sum of several estimates: dollars add up; anything billed by a plan is named beside the sum. */
export function sumCosts(parts: CostEstimate[]): { usd: number; plan: boolean } {
  let usd = 0;
  let plan = false;
  for (const p of parts) {
    if (p.kind === 'usd') usd += p.usd;
    if (p.kind === 'plan') plan = true;
  }
  return { usd, plan };
}

export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  return usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

export function formatCost(e: CostEstimate): string {
  if (e.kind === 'free') return 'Free (runs on this server)';
  if (e.kind === 'plan') return e.detail.charAt(0).toUpperCase() + e.detail.slice(1);
  return `≈ ${formatUsd(e.usd)} (${e.detail})`;
}

/** Typical seconds per call, for the time estimate only (local grows with the image). */
export function typicalSeconds(provider: ProviderId, output: Size): number {
  if (provider === 'local') return Math.max(2, 8 * megapixels(output));
  return provider === 'firefly' ? 15 : 12;
}

export interface Limits {
  concurrency: number;
  requestsPerMinute: number | null;
}

/**
 * Seconds for `calls` jobs on one provider: `concurrency` run at a time, and with a per-minute limit only
 * that many may start in each minute (Firefly: 4/min, so 12 calls take over two minutes).
 */
export function estimateSeconds(calls: number, limits: Limits, perCall: number): number {
  if (calls <= 0) return 0;
  const byConcurrency = Math.ceil(calls / Math.max(1, limits.concurrency)) * perCall;
  const rpm = limits.requestsPerMinute;
  const byRate = rpm ? (Math.ceil(calls / rpm) - 1) * 60 + perCall : 0;
  return Math.max(byConcurrency, byRate);
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  return rest ? `${m} min ${rest} s` : `${m} min`;
}
