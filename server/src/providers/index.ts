import { availableParallelism } from 'node:os';
import type { ProviderId } from '../contract/index.ts';
import type { Env } from '../env.ts';
import type { Provider, ProviderDeps } from './interface.ts';
import { createLocalProvider, type LocalProvider } from './local/index.ts';
import { UNAVAILABLE_INFO, unavailableProvider } from './unavailable.ts';

export interface Providers {
  registry: Map<ProviderId, Provider>;
  /** Releases worker threads and timers (shutdown, tests). */
  close(): Promise<void>;
}

/** Local jobs at once, and engine threads: one per core unless LOCAL_WORKERS says otherwise. */
export function localWorkers(env: Env): number {
  return env.LOCAL_WORKERS ?? Math.max(1, availableParallelism());
}

/**
 * Every provider the server knows, in the order the UI lists them. Ones without credentials are still
 * present, answering 503 with the reason, so the UI can show them disabled.
 */
export function createProviders(env: Env, deps: ProviderDeps): Providers {
  const local: LocalProvider = createLocalProvider({
    images: deps.images,
    workers: localWorkers(env),
    log: deps.log,
  });
  const registry = new Map<ProviderId, Provider>([['local', local]]);

  // Firefly: the lead wires `createFireflyProvider(env, deps)` here when both credentials are set.
  registry.set('firefly', unavailableProvider(UNAVAILABLE_INFO.firefly));

  // fal: the lead wires `createFalProvider(env, deps)` here when FAL_KEY is set.
  registry.set('fal', unavailableProvider(UNAVAILABLE_INFO.fal));

  return { registry, close: () => local.close() };
}
