import type { JobError } from '../../contract/index.ts';
import { jobError, type FireflyErrorBody } from './errors.ts';
import type { ResultRef } from './results.ts';

/** What one `GET /v3/status/{jobId}` answer means for the job. */
export type FireflyStatus =
  | { kind: 'running'; progress?: number; upstream: string }
  | { kind: 'succeeded'; results: ResultRef[] }
  | { kind: 'failed'; error: JobError }
  | { kind: 'cancelled' };

/**
 * The status values disagree between copies of the spec (enum vs examples), so: `succeeded` wins,
 * `failed`/`timeout`/`canceled`/`cancelled` end the job, anything else (`pending`, `running`,
 * `cancel_pending`, unknown) keeps polling.
 */
export function interpretStatus(body: unknown): FireflyStatus {
  const b = (body ?? {}) as Record<string, unknown> & FireflyErrorBody;
  const status = typeof b.status === 'string' ? b.status.toLowerCase() : '';
  switch (status) {
    case 'succeeded':
      return succeeded(b.result);
    case 'failed':
    case 'timeout':
      return { kind: 'failed', error: jobError(status, b) };
    case 'canceled':
    case 'cancelled':
      return { kind: 'cancelled' };
    default: {
      const progress = normaliseProgress(b.progress);
      return progress === undefined
        ? { kind: 'running', upstream: status }
        : { kind: 'running', progress, upstream: status };
    }
  }
}

function succeeded(result: unknown): FireflyStatus {
  const outputs = (result as { outputs?: unknown } | undefined)?.outputs;
  const results: ResultRef[] = [];
  if (Array.isArray(outputs)) {
    for (const o of outputs as { seed?: unknown; image?: { url?: unknown } }[]) {
      const url = o?.image?.url;
      if (typeof url === 'string' && Number.isInteger(o.seed)) results.push({ url, seed: o.seed as number });
    }
  }
  if (results.length === 0) {
    return {
      kind: 'failed',
      error: {
        code: 'upstream_error',
        message: 'Adobe Firefly reported success but returned no images.',
        retryable: true,
      },
    };
  }
  return { kind: 'succeeded', results };
}

/** `progress` has no documented unit: values above 1 are read as percent. */
function normaliseProgress(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  return Math.min(1, value > 1 ? value / 100 : value);
}
