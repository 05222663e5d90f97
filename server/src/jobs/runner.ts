import { randomUUID } from 'node:crypto';
import {
  isTerminal,
  type FillRequest,
  type Job,
  type JobError,
  type JobOutput,
  type ProviderId,
} from '../contract/index.ts';
import { AppError } from '../errors.ts';
import type {
  ImageSink,
  PollResult,
  Provider,
  ProviderError,
  ProviderRegistry,
  SubmitInput,
  UpstreamRef,
} from '../providers/interface.ts';
import type { JobRegistry } from './registry.ts';
import { RateWindow } from './rateWindow.ts';
import { asProviderError, DEFAULT_RETRY, retryDelay, sleep, type RetryPolicy } from './retry.ts';
import { resolveSeeds } from './seeds.ts';
import type { Log } from '../log.ts';

export interface RunnerOptions {
  registry: JobRegistry;
  providers: ProviderRegistry;
  images: ImageSink;
  log: Log;
  now?: () => number;
  retry?: Partial<RetryPolicy>;
  /** Adaptive poll interval: starts at `initialMs`, grows ×1.5 up to `maxMs`. */
  poll?: { initialMs: number; maxMs: number };
  /** Adds derived data (composite, leak) to a succeeded job's outputs before they are stored. */
  decorateOutputs?: (job: Job, maskId: string | null, outputs: JobOutput[]) => Promise<JobOutput[]>;
  /** A job still running this long after it started fails as timed out (JOB_DEADLINE_MINUTES). */
  deadlineMs?: number;
}

export interface NewJob {
  request: FillRequest;
  /** The normalised mask id (the request keeps the user's). */
  maskId: string;
  notes?: string[];
}

const MAX_RESUBMITS = 1;

/**
 * Admission (per-provider concurrency + requests/minute), submit, adaptive polling with bounded
 * retries, cancel, and resume after a restart. One poll loop per live job, whoever is watching it.
 */
export class JobRunner {
  private readonly queues = new Map<ProviderId, string[]>();
  private readonly active = new Map<ProviderId, number>();
  private readonly windows = new Map<ProviderId, RateWindow>();
  private readonly controllers = new Map<string, AbortController>();
  private readonly loops = new Set<Promise<void>>();
  private readonly wakeTimers = new Map<ProviderId, NodeJS.Timeout>();
  private readonly deadlines = new Map<string, NodeJS.Timeout>();
  private readonly retry: RetryPolicy;
  private readonly poll: { initialMs: number; maxMs: number };
  private readonly now: () => number;
  private stopping = false;

  constructor(private readonly opts: RunnerOptions) {
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.poll = opts.poll ?? { initialMs: 1000, maxMs: 5000 };
    this.now = opts.now ?? Date.now;
  }

  /** Creates a queued job (seeds resolved and stored in the request) and schedules it. */
  async create({ request, maskId, notes }: NewJob): Promise<Job> {
    const count = request.seeds?.length ?? request.numVariations ?? 1;
    const seeds = resolveSeeds(request.seeds, count);
    const job: Job = {
      id: randomUUID(),
      provider: request.provider,
      status: 'queued',
      revision: 0,
      createdAt: new Date(this.now()).toISOString(),
      request: { ...request, numVariations: seeds.length, seeds },
      outputs: [],
      queuePosition: this.queue(request.provider).length,
      ...(notes && notes.length > 0 ? { notes } : {}),
    };
    await this.opts.registry.create({ job, upstreamRef: null, maskId });
    this.queue(job.provider).push(job.id);
    this.pump(job.provider);
    return (await this.opts.registry.get(job.id)) ?? job;
  }

  /** Picks up every job that was queued or running when the server stopped. */
  async resume(jobs: { job: Job; upstreamRef: UpstreamRef | null; maskId: string | null }[]): Promise<void> {
    // Jobs that were running go first: they held a slot before the restart.
    const ordered = [...jobs].sort((a, b) => rank(a.job) - rank(b.job));
    for (const entry of ordered) {
      this.opts.registry.adopt(entry);
      if (!this.opts.providers.has(entry.job.provider)) {
        await this.finish(entry.job.id, 'failed', {
          code: 'provider_unavailable',
          message: `The ${entry.job.provider} provider is not configured on this server any more.`,
          retryable: false,
        });
        continue;
      }
      this.queue(entry.job.provider).push(entry.job.id);
    }
    for (const provider of this.queues.keys()) {
      await this.updatePositions(provider);
      this.pump(provider);
    }
  }

  /** Cancels at once locally; upstream cancel is best effort. Throws 409 when already finished. */
  async cancel(id: string): Promise<Job> {
    const stored = await this.opts.registry.getStored(id);
    if (!stored) throw new AppError('not_found', `No job with id ${id}.`);
    if (isTerminal(stored.job.status)) {
      throw new AppError('conflict', `The job has already ${stored.job.status}; there is nothing to cancel.`);
    }
    const provider = this.opts.providers.get(stored.job.provider);
    const queue = this.queue(stored.job.provider);
    const at = queue.indexOf(id);
    if (at >= 0) queue.splice(at, 1);
    this.controllers.get(id)?.abort();
    const job = await this.finish(id, 'cancelled');
    if (at >= 0) await this.updatePositions(stored.job.provider);
    if (provider && stored.upstreamRef) this.cancelUpstream(provider, stored.upstreamRef);
    return job ?? stored.job;
  }

  /**
   * Stops admitting work, gives running jobs `graceMs` to finish, then detaches from the rest: they stay
   * queued/running in the store and are resumed on the next start.
   */
  async stop(graceMs = 0): Promise<void> {
    this.stopping = true;
    for (const timer of this.wakeTimers.values()) clearTimeout(timer);
    for (const timer of this.deadlines.values()) clearTimeout(timer);
    const all = Promise.allSettled([...this.loops]);
    if (graceMs > 0) await Promise.race([all, new Promise((r) => setTimeout(r, graceMs).unref())]);
    for (const controller of this.controllers.values()) controller.abort();
    await all;
    await this.opts.registry.flush();
  }

  private queue(provider: ProviderId): string[] {
    let q = this.queues.get(provider);
    if (!q) {
      q = [];
      this.queues.set(provider, q);
    }
    return q;
  }

  private pump(providerId: ProviderId): void {
    const provider = this.opts.providers.get(providerId);
    if (!provider || this.stopping) return;
    const queue = this.queue(providerId);
    let started = false;
    while (queue.length > 0 && (this.active.get(providerId) ?? 0) < provider.limits.concurrency) {
      const id = queue[0]!;
      // A job already submitted upstream (resumed) only polls: it needs no request token.
      const needsToken = !this.opts.registry.peek(id)?.upstreamRef;
      if (needsToken && !this.takeToken(provider)) break;
      queue.shift();
      this.active.set(providerId, (this.active.get(providerId) ?? 0) + 1);
      started = true;
      const loop = this.run(id, provider)
        .catch((err: unknown) => this.crashed(id, err))
        .finally(() => {
          this.active.set(providerId, (this.active.get(providerId) ?? 1) - 1);
          this.controllers.delete(id);
          this.loops.delete(loop);
          this.pump(providerId);
        });
      this.loops.add(loop);
    }
    if (started) void this.updatePositions(providerId);
  }

  /**
   * Takes a requests-per-minute token if one is free; otherwise schedules a pump for when the oldest
   * request leaves the window. Providers without a limit always have one.
   */
  private takeToken(provider: Provider): boolean {
    const window = this.window(provider);
    if (!window || window.take(this.now())) return true;
    if (!this.wakeTimers.has(provider.id)) {
      const timer = setTimeout(() => {
        this.wakeTimers.delete(provider.id);
        this.pump(provider.id);
      }, window.waitMs(this.now()));
      timer.unref();
      this.wakeTimers.set(provider.id, timer);
    }
    return false;
  }

  private window(provider: Provider): RateWindow | null {
    const rpm = provider.limits.requestsPerMinute;
    if (!rpm) return null;
    let window = this.windows.get(provider.id);
    if (!window) {
      window = new RateWindow(rpm);
      this.windows.set(provider.id, window);
    }
    return window;
  }

  private async updatePositions(provider: ProviderId): Promise<void> {
    const queue = [...this.queue(provider)];
    for (const [position, id] of queue.entries()) {
      const job = await this.opts.registry.get(id);
      if (job?.status === 'queued' && job.queuePosition !== position) {
        await this.opts.registry.transition(id, { queuePosition: position });
      }
    }
  }

  private async run(id: string, provider: Provider): Promise<void> {
    const controller = new AbortController();
    this.controllers.set(id, controller);
    const { signal } = controller;
    const stored = await this.opts.registry.getStored(id);
    if (!stored || isTerminal(stored.job.status)) return;
    let ref = stored.upstreamRef;
    const resumed = stored.job.status === 'running';
    let notes = stored.job.notes;
    if (!ref && !provider.resubmitWhenLost && resumed) {
      // Running before a restart with no handle saved. Still preparing (uploads): nothing billable was
      // sent, so submit again. Otherwise the create may have reached upstream: we cannot find that job,
      // and a second one could be billed twice.
      if (stored.submitStage !== 'preparing') {
        await this.finish(id, 'failed', lostError(provider, true));
        return;
      }
      this.opts.log(`job ${id}: re-submitting after a restart (killed before its create request)`);
      notes = appendNotes(notes, [
        `Re-submitted after a server restart (the earlier attempt never reached ${providerName(provider)}).`,
      ]);
    }
    // Before the job shows as running, so a kill at any point after finds the stage.
    if (!ref && !provider.resubmitWhenLost) await this.opts.registry.setSubmitStage(id, 'preparing');
    const startedAt = stored.job.startedAt ?? new Date(this.now()).toISOString();
    await this.opts.registry.transition(id, {
      status: 'running',
      startedAt,
      queuePosition: undefined,
      notes,
    });
    this.armDeadline(id, provider, Date.parse(startedAt), controller);
    let resubmits = 0;
    let delay = ref ? 0 : (provider.firstPollMs ?? this.poll.initialMs);
    let pollFailures = 0;
    for (;;) {
      if (!ref) {
        ref = await this.submit(id, provider, signal, resubmits === 0);
        if (!ref) return;
      }
      if (!(await sleep(delay, signal))) return;
      let result: PollResult;
      try {
        result = await provider.poll(ref, signal);
        pollFailures = 0;
      } catch (err) {
        if (signal.aborted) return;
        const error = asProviderError(err);
        if (error.retryable && pollFailures < this.retry.retries) {
          delay = retryDelay(this.retry, pollFailures++, error.retryAfterMs);
          this.opts.log(
            `job ${id}: poll failed (${error.code}), retry ${pollFailures} in ${delay} ms`,
            'warn',
          );
          continue;
        }
        await this.finish(id, 'failed', gaveUp(error, pollFailures + 1));
        return;
      }
      if (signal.aborted) return;
      if (result.state === 'lost') {
        if (provider.resubmitWhenLost && resubmits < MAX_RESUBMITS) {
          resubmits++;
          ref = null;
          await this.opts.registry.setUpstreamRef(id, null);
          delay = provider.firstPollMs ?? this.poll.initialMs;
          continue;
        }
        await this.finish(id, 'failed', lostError(provider, resumed));
        return;
      }
      if (result.state === 'succeeded') {
        const outputs = await this.decorate(id, result.outputs);
        if (signal.aborted) return;
        await this.finish(id, 'succeeded', undefined, outputs, result.notes);
        return;
      }
      if (result.state === 'failed') {
        await this.finish(id, 'failed', result.error, [], result.notes);
        return;
      }
      if (result.state === 'cancelled') {
        await this.finish(id, 'cancelled', undefined, [], result.notes);
        return;
      }
      await this.progress(id, result);
      delay = result.nextPollMs ?? Math.min(this.poll.maxMs, Math.max(this.poll.initialMs, delay * 1.5));
    }
  }

  /** Submits with bounded retries; null when the job ended (cancelled, stopped or failed). */
  private async submit(
    id: string,
    provider: Provider,
    signal: AbortSignal,
    hasToken: boolean,
  ): Promise<UpstreamRef | null> {
    const stored = await this.opts.registry.getStored(id);
    if (!stored) return null;
    const input = await this.submitInput(stored.job, stored.maskId, provider, signal);
    if (!input) {
      await this.finish(id, 'failed', {
        code: 'not_found',
        message: 'The source image or mask of this job is no longer stored on the server.',
        retryable: false,
      });
      return null;
    }
    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) return null;
      if ((attempt > 0 || !hasToken) && !(await this.admit(provider, signal))) return null;
      try {
        // A retry starts with its uploads again (local work is re-run after a restart anyway).
        if (attempt > 0 && !provider.resubmitWhenLost)
          await this.opts.registry.setSubmitStage(id, 'preparing');
        const ref = await provider.submit(input);
        if (signal.aborted) {
          // Stopping: keep the handle so the next start polls it. Cancelled: the upstream job exists, so
          // cancel it too.
          if (this.stopping) await this.opts.registry.setUpstreamRef(id, ref);
          else this.cancelUpstream(provider, ref);
          return null;
        }
        await this.opts.registry.setUpstreamRef(id, ref);
        return ref;
      } catch (err) {
        if (signal.aborted) return null;
        const error = asProviderError(err);
        if (!error.retryable || attempt >= this.retry.retries) {
          if (!(err instanceof Error && err.name === 'ProviderError')) {
            this.opts.log(`job ${id}: submit threw ${describeError(err)}`, 'error');
          }
          await this.finish(id, 'failed', gaveUp(error, attempt + 1));
          return null;
        }
        const wait = retryDelay(this.retry, attempt, error.retryAfterMs);
        this.opts.log(`job ${id}: submit failed (${error.code}), retry ${attempt + 1} in ${wait} ms`, 'warn');
        if (!(await sleep(wait, signal))) return null;
      }
    }
  }

  /** Waits for a requests-per-minute token (retries and resubmits; the first submit took one in pump). */
  private async admit(provider: Provider, signal: AbortSignal): Promise<boolean> {
    const window = this.window(provider);
    while (window && !window.take(this.now())) {
      if (!(await sleep(Math.max(window.waitMs(this.now()), 10), signal))) return false;
    }
    return !signal.aborted;
  }

  private async submitInput(
    job: Job,
    maskId: string | null,
    provider: Provider,
    signal: AbortSignal,
  ): Promise<SubmitInput | null> {
    const image = await this.opts.images.get(job.request.imageId);
    const mask = maskId ? await this.opts.images.get(maskId) : null;
    if (!image || !mask) return null;
    return {
      jobId: job.id,
      request: job.request,
      image,
      mask,
      seeds: job.request.seeds ?? [],
      size: job.request.size ?? null,
      options: job.request.options ?? {},
      signal,
      beforeCreate: async () => {
        if (!provider.resubmitWhenLost) await this.opts.registry.setSubmitStage(job.id, 'creating');
      },
    };
  }

  private async progress(id: string, result: Extract<PollResult, { state: 'queued' | 'running' }>) {
    const job = await this.opts.registry.get(id);
    if (!job || isTerminal(job.status)) return;
    // Upstream numbers are clamped to the contract (0..1, whole non-negative positions) and rounded, so
    // noise does not turn into a flood of transitions.
    const progress =
      result.progress === undefined || !Number.isFinite(result.progress)
        ? job.progress
        : Math.round(Math.min(1, Math.max(0, result.progress)) * 100) / 100;
    const queuePosition =
      result.queuePosition === undefined || !Number.isFinite(result.queuePosition)
        ? undefined
        : Math.max(0, Math.round(result.queuePosition));
    const notes = result.notes?.length ? appendNotes(job.notes, result.notes) : job.notes;
    if (progress === job.progress && queuePosition === job.queuePosition && notes === job.notes) return;
    await this.opts.registry.transition(id, { progress, queuePosition, notes });
  }

  private async finish(
    id: string,
    status: 'succeeded' | 'failed' | 'cancelled',
    error?: JobError,
    outputs?: Job['outputs'],
    notes?: string[],
  ): Promise<Job | null> {
    clearTimeout(this.deadlines.get(id));
    this.deadlines.delete(id);
    const job = await this.opts.registry.get(id);
    return this.opts.registry.transition(id, {
      status,
      finishedAt: new Date(this.now()).toISOString(),
      queuePosition: undefined,
      ...(status === 'succeeded' ? { progress: 1 } : {}),
      ...(error ? { error } : {}),
      ...(outputs && outputs.length > 0 ? { outputs } : {}),
      ...(notes?.length ? { notes: appendNotes(job?.notes, notes) } : {}),
    });
  }

  /**
   * No job stays running forever: past the deadline (counted from its first start, so a restart does
   * not reset it) the loop is stopped, the upstream job cancelled, and the job fails as timed out.
   */
  private armDeadline(id: string, provider: Provider, startedAt: number, controller: AbortController): void {
    const deadlineMs = this.opts.deadlineMs;
    if (!deadlineMs) return;
    const fire = async () => {
      this.deadlines.delete(id);
      const stored = await this.opts.registry.getStored(id);
      if (!stored || isTerminal(stored.job.status) || this.stopping) return;
      controller.abort();
      const minutes = Math.round(deadlineMs / 60_000);
      await this.finish(id, 'failed', {
        code: 'timeout',
        message: `The job was still running after ${minutes >= 1 ? `${minutes} min` : `${deadlineMs} ms`}, so the server stopped it. Please try again.`,
        retryable: true,
      });
      if (stored.upstreamRef) this.cancelUpstream(provider, stored.upstreamRef);
    };
    const timer = setTimeout(
      () => {
        fire().catch((err: unknown) => this.opts.log(`job ${id}: deadline: ${describeError(err)}`, 'error'));
      },
      Math.max(0, startedAt + deadlineMs - this.now()),
    );
    timer.unref();
    this.deadlines.set(id, timer);
  }

  /** The outputs with `decorateOutputs` applied; as given when there is none or it throws. */
  private async decorate(id: string, outputs: JobOutput[]): Promise<JobOutput[]> {
    const stored = this.opts.decorateOutputs ? await this.opts.registry.getStored(id) : null;
    if (!stored || !this.opts.decorateOutputs) return outputs;
    try {
      return await this.opts.decorateOutputs(stored.job, stored.maskId, outputs);
    } catch (err) {
      this.opts.log(`job ${id}: could not decorate outputs: ${describeError(err)}`, 'error');
      return outputs;
    }
  }

  /** A bug in the runner or a provider (e.g. outputs that break the contract) must not strand a job. */
  private async crashed(id: string, err: unknown): Promise<void> {
    this.opts.log(`job ${id}: runner error: ${describeError(err)}`, 'error');
    if (this.stopping) return;
    await this.finish(id, 'failed', {
      code: 'internal_error',
      message: 'The server hit an unexpected error running this job.',
      retryable: false,
    }).catch((e: unknown) =>
      this.opts.log(`job ${id}: could not record the failure: ${describeError(e)}`, 'error'),
    );
  }

  private cancelUpstream(provider: Provider, ref: UpstreamRef): void {
    provider.cancel(ref).then(
      (r) => {
        if (!r.accepted)
          this.opts.log(`cancel of ${provider.id} job ${ref.id} not accepted: ${r.message ?? ''}`, 'warn');
      },
      (err: unknown) =>
        this.opts.log(`cancel of ${provider.id} job ${ref.id} failed: ${describeError(err)}`, 'warn'),
    );
  }
}

/** Upstream logs can be chatty: a job keeps its latest notes only. */
const MAX_NOTES = 100;
const appendNotes = (old: string[] | undefined, added: string[]) =>
  [...(old ?? []), ...added].slice(-MAX_NOTES);

const rank = (job: Job) => (job.status === 'running' ? 0 : 1);

function gaveUp(error: ProviderError, attempts: number): JobError {
  if (!error.retryable) return { code: error.code, message: error.message, retryable: false };
  return {
    code: error.code,
    message: `${error.message} (gave up after ${attempts} attempts; try again later)`,
    retryable: true,
  };
}

const PROVIDER_NAMES: Record<string, string> = {
  firefly: 'Adobe Firefly',
  fal: 'fal',
  local: 'The local engine',
};

const providerName = (provider: Provider) => PROVIDER_NAMES[provider.id] ?? provider.id;

/** Only blame a restart when there was one (the job was already running when this loop began). */
function lostError(provider: Provider, afterRestart: boolean): JobError {
  const name = providerName(provider);
  return {
    code: 'upstream_error',
    message: afterRestart
      ? `The server restarted and the ${provider.id} job could not be found again; please submit it again.`
      : `${name} lost track of this job (it could not be found again upstream); please submit it again.`,
    retryable: true,
  };
}

function describeError(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
