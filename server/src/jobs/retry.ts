import { ProviderError } from '../providers/interface.ts';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  baseMs: number;
  maxMs: number;
  random: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 5, baseMs: 1000, maxMs: 30_000, random: Math.random };

/** Exponential backoff with full jitter in [0.5, 1.5)×, never sooner than the upstream's Retry-After. */
export function retryDelay(policy: RetryPolicy, attempt: number, retryAfterMs?: number): number {
  const backoff = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt) * (0.5 + policy.random());
  return Math.max(Math.round(backoff), retryAfterMs ?? 0);
}

/** Sleeps unless aborted first; resolves false on abort. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Anything a provider throws that is not a ProviderError is a bug: terminal, with no detail leaked. */
export function asProviderError(err: unknown): ProviderError {
  if (err instanceof ProviderError) return err;
  return new ProviderError('internal_error', 'The server hit an unexpected error running this job.', false);
}
