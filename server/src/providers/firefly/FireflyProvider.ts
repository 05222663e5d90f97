import type { FillRequest, ProviderInfo, Size } from '../../contract/index.ts';
import { AppError } from '../../errors.ts';
import {
  ProviderError,
  type CancelResult,
  type PollResult,
  type Provider,
  type ProviderDeps,
  type StoredImage,
  type SubmitInput,
  type UpstreamRef,
} from '../interface.ts';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  FIREFLY_DEFAULT_RESULT_HOSTS,
  FIREFLY_SIZES,
  MAX_PROMPT_CHARS,
  POLL_MAX_MS,
  POLL_MIN_MS,
  closestFireflySize,
  fireflyDescriptor,
  isFireflySize,
  sizeKey,
  type FireflyConfig,
} from './config.ts';
import { submitFill } from './fill.ts';
import { FireflyHttp, jobPath } from './http.ts';
import { ImsTokenSource } from './ims.ts';
import { preparePair } from './prepare.ts';
import { downloadResults } from './results.ts';
import { interpretStatus } from './status.ts';
import { UploadCache } from './upload.ts';

/** How long describe() waits for an IMS answer. */
const DESCRIBE_WAIT_MS = 3000;

const NOT_CANCELLABLE: Record<number, string> = {
  404: 'Adobe Firefly no longer knows this job, so it could not be cancelled there.',
  409: 'The job had already finished or been cancelled on Adobe Firefly.',
  410: 'The job had already timed out on Adobe Firefly.',
};

/** Adobe Firefly Fill Image Async (v3): IMS auth, upload, fill-async, status, cancel. */
export class FireflyProvider implements Provider {
  readonly id = 'firefly' as const;
  readonly resubmitWhenLost = false;
  readonly limits: Provider['limits'];
  readonly firstPollMs: number;

  private readonly ims: ImsTokenSource;
  private readonly http: FireflyHttp;
  private readonly uploads: UploadCache;
  private readonly resultHosts: string[];
  private readonly timeoutMs: number;
  private readonly pollMs: { minMs: number; maxMs: number };
  /** Polls so far per upstream job, for the growing interval. */
  private readonly polls = new Map<string, number>();
  /** Notes of jobs submitted by this instance, handed over with their first poll. */
  private readonly pendingNotes = new Map<string, string[]>();

  constructor(
    config: FireflyConfig,
    private readonly deps: ProviderDeps,
  ) {
    this.timeoutMs = config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.pollMs = config.pollIntervalMs ?? { minMs: POLL_MIN_MS, maxMs: POLL_MAX_MS };
    this.firstPollMs = this.pollMs.minMs;
    this.limits = { concurrency: config.concurrency ?? 4, requestsPerMinute: config.rpm };
    this.ims = new ImsTokenSource({
      ...config,
      fetch: deps.fetch,
      now: deps.now,
      log: deps.log,
      timeoutMs: this.timeoutMs,
    });
    this.http = new FireflyHttp(
      config.apiBaseUrl,
      config.clientId,
      this.ims,
      deps.fetch,
      deps.now,
      this.timeoutMs,
    );
    this.uploads = new UploadCache(this.http, deps.now);
    this.resultHosts = [
      new URL(config.apiBaseUrl).host,
      ...FIREFLY_DEFAULT_RESULT_HOSTS,
      ...(config.resultHosts ?? []),
    ];
  }

  async describe(): Promise<ProviderInfo> {
    if (this.ims.hasValidToken()) return fireflyDescriptor();
    const known = this.ims.recentFailure();
    if (known) return fireflyDescriptor(known.message);
    // The provider list must not hang on a slow IMS: past the wait, answer available and let the
    // check finish in the background (a submit surfaces any failure).
    const check = this.ims.get().then(
      () => fireflyDescriptor(),
      (e: unknown) =>
        fireflyDescriptor(e instanceof ProviderError ? e.message : 'Adobe Firefly sign-in failed.'),
    );
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<ProviderInfo>((resolve) => {
      timer = setTimeout(() => resolve(fireflyDescriptor()), DESCRIBE_WAIT_MS);
    });
    return Promise.race([check, waited]).finally(() => clearTimeout(timer));
  }

  validate(request: FillRequest, _image: StoredImage): void {
    const rejected = this.ims.recentFailure();
    if (rejected && !rejected.retryable) throw new AppError('provider_unavailable', rejected.message);
    if (request.size && !isFireflySize(request.size)) {
      throw new AppError(
        'invalid_request',
        `Adobe Firefly cannot make ${request.size.width}×${request.size.height} images. Choose one of: ${FIREFLY_SIZES.map((s) => `${s.width}×${s.height}`).join(', ')}.`,
        { allowedSizes: FIREFLY_SIZES },
      );
    }
    for (const field of ['prompt', 'negativePrompt'] as const) {
      const text = request[field];
      if (text !== undefined && text.length > MAX_PROMPT_CHARS) {
        throw new AppError(
          'invalid_request',
          `The ${field === 'prompt' ? 'prompt' : 'negative prompt'} is longer than ${MAX_PROMPT_CHARS} characters.`,
        );
      }
    }
    const variations = request.seeds?.length ?? request.numVariations ?? 1;
    if (variations < 1 || variations > 4) {
      throw new AppError('invalid_request', 'Adobe Firefly makes 1 to 4 variations per fill.');
    }
    if (request.locale !== undefined && !/^[a-z]{2}-[A-Z]{2}$/.test(request.locale)) {
      throw new AppError('invalid_request', 'The locale must look like en-US.');
    }
  }

  async submit(input: SubmitInput): Promise<UpstreamRef> {
    input.signal.throwIfAborted();
    const size: Size = input.size ?? closestFireflySize(input.image.width, input.image.height);
    if (!isFireflySize(size)) {
      throw new ProviderError('invalid_request', `Adobe Firefly cannot make ${sizeKey(size)} images.`, false);
    }
    const prepared = preparePair(input.image, input.mask);
    const notes = [...prepared.notes];
    if (!input.size)
      notes.push(
        `Output size ${size.width}×${size.height} (the Firefly size closest to the source's shape).`,
      );
    const [sourceUploadId, maskUploadId] = await Promise.all([
      this.uploads.uploadId(prepared.source),
      this.uploads.uploadId(prepared.mask),
    ]).catch((e: unknown) => {
      if (e instanceof ProviderError) throw e;
      // Reading, scaling or re-encoding failed (sharp): our side, not Firefly's.
      this.deps.log(
        `firefly: could not prepare images for job ${input.jobId}: ${(e as Error).message}`,
        'warn',
      );
      throw new ProviderError('invalid_image', 'The image could not be prepared for Adobe Firefly.', false);
    });
    input.signal.throwIfAborted();
    // From here the create request may reach Firefly: the runner must not re-submit after a restart.
    await input.beforeCreate?.();
    const jobId = await submitFill(
      this.http,
      {
        sourceUploadId,
        maskUploadId,
        prompt: input.request.prompt,
        negativePrompt: input.request.negativePrompt,
        seeds: input.seeds,
        size,
        locale: input.request.locale,
      },
      input.signal,
    ).catch((e: unknown) => {
      // A refused request may name an upload id Firefly no longer has: upload afresh next time.
      if (e instanceof ProviderError && e.code === 'invalid_request') {
        this.uploads.forget(prepared.source.key);
        this.uploads.forget(prepared.mask.key);
      }
      throw e;
    });
    this.deps.log(
      `firefly: job ${input.jobId} submitted as ${jobId} (${sizeKey(size)}, ${input.seeds.length} variation(s))`,
    );
    if (notes.length > 0) this.pendingNotes.set(jobId, notes);
    return { id: jobId, data: { size, submittedAt: new Date(this.deps.now()).toISOString() } };
  }

  async poll(ref: UpstreamRef, signal: AbortSignal): Promise<PollResult> {
    const res = await this.http.call({
      what: 'status',
      method: 'GET',
      path: jobPath('/v3/status', ref.id),
      accept: [404],
      signal,
    });
    if (res.status === 404) {
      this.forget(ref.id);
      return { state: 'lost' };
    }
    // Handed over once, with the first poll that returns (kept if this one throws).
    const notes = this.pendingNotes.get(ref.id);
    const withNotes = notes ? { notes } : {};
    const status = interpretStatus(res.body);
    switch (status.kind) {
      case 'running': {
        const n = this.polls.get(ref.id) ?? 0;
        this.polls.set(ref.id, n + 1);
        const nextPollMs = Math.min(this.pollMs.maxMs, Math.round(this.pollMs.minMs * 1.5 ** n));
        this.pendingNotes.delete(ref.id);
        return {
          state: 'running',
          ...(status.progress === undefined ? {} : { progress: status.progress }),
          nextPollMs,
          ...withNotes,
        };
      }
      case 'succeeded': {
        const outputs = await downloadResults(status.results, {
          hosts: this.resultHosts,
          fetch: this.deps.fetch,
          images: this.deps.images,
          timeoutMs: this.timeoutMs,
          signal,
        });
        this.forget(ref.id);
        this.deps.log(`firefly: ${ref.id} succeeded, ${outputs.length} result(s) stored`);
        return { state: 'succeeded', outputs, ...withNotes };
      }
      case 'failed':
        this.forget(ref.id);
        this.deps.log(`firefly: ${ref.id} failed (${status.error.code})`, 'warn');
        return {
          state: 'failed',
          error: { ...status.error, message: this.ims.scrub(status.error.message) },
          ...withNotes,
        };
      case 'cancelled':
        this.forget(ref.id);
        return { state: 'cancelled', ...withNotes };
    }
  }

  async cancel(ref: UpstreamRef): Promise<CancelResult> {
    const res = await this.http.call({
      what: 'cancel',
      method: 'PUT',
      path: jobPath('/v3/cancel', ref.id),
      accept: [404, 409, 410],
    });
    this.polls.delete(ref.id);
    const message = NOT_CANCELLABLE[res.status];
    if (message) return { accepted: false, message };
    this.deps.log(`firefly: cancel of ${ref.id} accepted`);
    return { accepted: true };
  }

  private forget(jobId: string): void {
    this.polls.delete(jobId);
    this.pendingNotes.delete(jobId);
  }
}
