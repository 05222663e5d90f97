import { availableParallelism } from 'node:os';
import type { ProviderId } from '../contract/index.ts';
import type { Env } from '../env.ts';
import { createFalProvider, falDescriptor, FAL_DEFAULT_RESULT_HOSTS } from './fal/index.ts';
import { createFireflyProvider, fireflyConfigFromEnv, fireflyDescriptor } from './firefly/index.ts';
import type { Provider, ProviderDeps } from './interface.ts';
import { createLocalProvider, type LocalProvider } from './local/index.ts';
import { unavailableProvider } from './unavailable.ts';

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
  const firefly = fireflyConfigFromEnv(env);
  registry.set(
    'firefly',
    firefly
      ? createFireflyProvider(firefly, deps)
      : unavailableProvider(
          fireflyDescriptor(
            'Set FIREFLY_SERVICES_CLIENT_ID and FIREFLY_SERVICES_CLIENT_SECRET on the server.',
          ),
        ),
  );

  registry.set(
    'fal',
    env.FAL_KEY
      ? createFalProvider(
          {
            key: env.FAL_KEY,
            queueBaseUrl: env.FAL_QUEUE_BASE_URL,
            restBaseUrl: env.FAL_REST_BASE_URL,
            resultHosts: [...FAL_DEFAULT_RESULT_HOSTS, ...env.RESULT_HOSTS],
          },
          deps,
        )
      : unavailableProvider(falDescriptor('Set FAL_KEY (key_id:key_secret) on the server.')),
  );

  return { registry, close: () => local.close() };
}
