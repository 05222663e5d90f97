import type { FillRequest, JobOutput } from '../../contract/index.ts';
import type { FillMethod } from '../../engine/types.ts';
import type { WorkerResult } from '../../engine/worker.ts';
import { CONTROL_PROGRESS } from '../../engine/worker.ts';
import { AppError } from '../../errors.ts';
import { readMask } from '../../mask/normalize.ts';
import {
  ProviderError,
  type CancelResult,
  type ImageSink,
  type PollResult,
  type Provider,
  type SubmitInput,
  type UpstreamRef,
} from '../interface.ts';
import { LOCAL_INFO, METHODS } from './describe.ts';
import { decodeSource, encodeOutput, sameSize } from './pixels.ts';
import { FillPool } from './pool.ts';
import type { Log } from '../../log.ts';

export interface LocalProviderOptions {
  images: ImageSink;
  /** Worker threads, and so jobs run at once (one job per core by default). */
  workers: number;
  log: Log;
}

interface Variation {
  seed: number;
  control: Int32Array;
  output?: JobOutput;
}

interface LocalJob {
  variations: Variation[];
  abort: AbortController;
  settled: boolean;
  /** Cancelled from outside: nobody will poll it again, so it is forgotten once its tasks stop. */
  detached: boolean;
  error?: ProviderError;
  notes: string[];
}

const WHOLE_IMAGE_MASK =
  'The mask covers the whole image: the local engine needs some unmasked area to copy from.';

/** Polls are cheap in-process reads; a short interval keeps progress live. */
const POLL_MS = 200;

export interface LocalProvider extends Provider {
  close(): Promise<void>;
  /** Jobs it still tracks (tests: a cancelled job is forgotten). */
  activeJobs(): number;
}

export function createLocalProvider(opts: LocalProviderOptions): LocalProvider {
  const pool = new FillPool(opts.workers);
  const jobs = new Map<string, LocalJob>();

  function detach(id: string, job: LocalJob): void {
    job.detached = true;
    job.abort.abort();
    if (job.settled) jobs.delete(id);
  }

  async function runJob(input: SubmitInput, job: LocalJob): Promise<void> {
    const { image, mask } = input;
    const source = await decodeSource(image);
    const holes = await readMask(mask);
    let filled = 0;
    for (const v of holes) if (v) filled++;
    if (filled === holes.length) {
      throw new ProviderError('invalid_mask', WHOLE_IMAGE_MASK, false);
    }
    const method = (input.options.method as FillMethod | undefined) ?? 'auto';
    const target = input.size && !sameSize(input.size, image) ? input.size : null;
    if (target) {
      job.notes.push(
        `Filled at the source size ${image.width}×${image.height}, then scaled and cropped to ${target.width}×${target.height}.`,
      );
    }
    await Promise.all(
      job.variations.map(async (variation) => {
        const result: WorkerResult = await pool.run(
          {
            width: image.width,
            height: image.height,
            rgba: source.rgba,
            mask: holes,
            seed: variation.seed,
            method,
            control: variation.control.buffer as SharedArrayBuffer,
          },
          job.abort.signal,
        );
        if (!result.ok) return;
        const stored = await encodeOutput(result.rgba, image, source.hasAlpha, target, opts.images);
        variation.output = {
          imageId: stored.id,
          url: opts.images.urlFor(stored.id),
          seed: variation.seed,
          width: stored.width,
          height: stored.height,
        };
      }),
    );
  }

  return {
    id: 'local',
    resubmitWhenLost: true,
    limits: { concurrency: opts.workers },
    firstPollMs: 50,

    describe: async () => LOCAL_INFO,

    validate(request: FillRequest) {
      for (const [key, value] of Object.entries(request.options ?? {})) {
        if (key !== 'method') {
          throw new AppError('invalid_request', `options.${key}: the local provider has no option "${key}".`);
        }
        if (typeof value !== 'string' || !(METHODS as readonly string[]).includes(value)) {
          throw new AppError('invalid_request', `options.method: must be one of ${METHODS.join(', ')}.`);
        }
      }
    },

    validateMask(mask) {
      if (mask.filled >= mask.total) throw new AppError('invalid_mask', WHOLE_IMAGE_MASK);
    },

    async submit(input: SubmitInput): Promise<UpstreamRef> {
      const job: LocalJob = {
        variations: input.seeds.map((seed) => ({ seed, control: new Int32Array(new SharedArrayBuffer(8)) })),
        abort: new AbortController(),
        settled: false,
        detached: false,
        notes: [],
      };
      jobs.set(input.jobId, job);
      const onAbort = () => detach(input.jobId, job);
      input.signal.addEventListener('abort', onAbort, { once: true });
      runJob(input, job)
        .catch((err: unknown) => {
          job.error =
            err instanceof ProviderError
              ? err
              : new ProviderError('internal_error', 'The local engine failed on this image.', false);
          if (!(err instanceof ProviderError))
            opts.log(`local job ${input.jobId} failed: ${String(err)}`, 'error');
          job.abort.abort();
        })
        .finally(() => {
          job.settled = true;
          input.signal.removeEventListener('abort', onAbort);
          if (job.detached) jobs.delete(input.jobId);
        });
      return { id: input.jobId };
    },

    async poll(ref: UpstreamRef): Promise<PollResult> {
      const job = jobs.get(ref.id);
      if (!job) return { state: 'lost' };
      if (!job.settled) {
        const sum = job.variations.reduce((s, v) => s + Atomics.load(v.control, CONTROL_PROGRESS), 0);
        // Encoding the outputs follows the fill: keep the bar just short of done until it is.
        const progress = Math.min(0.99, sum / 1000 / job.variations.length);
        return { state: 'running', progress, nextPollMs: POLL_MS };
      }
      jobs.delete(ref.id);
      const notes = job.notes.length > 0 ? job.notes : undefined;
      if (job.error) {
        const { code, message, retryable } = job.error;
        return { state: 'failed', error: { code, message, retryable }, ...(notes ? { notes } : {}) };
      }
      if (job.abort.signal.aborted) return { state: 'cancelled' };
      const outputs = job.variations.map((v) => v.output).filter((o): o is JobOutput => o !== undefined);
      return { state: 'succeeded', outputs, ...(notes ? { notes } : {}) };
    },

    async cancel(ref: UpstreamRef): Promise<CancelResult> {
      const job = jobs.get(ref.id);
      if (!job) return { accepted: false, message: 'no such local job' };
      detach(ref.id, job);
      return { accepted: true };
    },

    close: () => pool.destroy(),
    activeJobs: () => jobs.size,
  };
}
