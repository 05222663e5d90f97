import type { JobRegistry } from '../jobs/registry.ts';
import type { JobRunner } from '../jobs/runner.ts';
import type { ProviderRegistry } from '../providers/interface.ts';
import type { SecurityConfig } from '../security/config.ts';
import type { BatchStore } from '../storage/batches.ts';
import type { ImageStore } from '../storage/images.ts';
import type { Log } from '../log.ts';

/** Everything the routes use; tests build it on a temp DATA_DIR (see services.ts). */
export interface AppDeps {
  config: {
    version: string;
    /** SSE heartbeat comment interval (15 s; tests shorten it). */
    sseHeartbeatMs: number;
    /** When set, every /api call but health needs it (MASKFILL_ACCESS_TOKEN). */
    accessToken?: string;
    /** Rate limits and spend caps (security/config.ts); defaults when left out. */
    security?: SecurityConfig;
  };
  images: ImageStore;
  registry: JobRegistry;
  runner: JobRunner;
  providers: ProviderRegistry;
  /** QA batches (prompt × seed × provider matrices of jobs). */
  batches: BatchStore;
  log: Log;
}
