import { ApiError, type FalClient } from '@fal-ai/client';
import type { FillRequest, ProviderInfo } from '../../contract/index.ts';
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
import { createFalHttpClient, FalTransportError } from './client.ts';
import { FAL_ENDPOINT, falDescriptor } from './descriptor.ts';
import { describeFalBody, jobErrorFromFailure, redact, toProviderError } from './errors.ts';
import { parseFalOptions } from './options.ts';
import { FalFillOutput, storeOutputs, timingNotes } from './outputs.ts';
import { LogCursor, mapQueueStatus } from './status.ts';
import { FalUploads } from './upload.ts';
import type { LogLevel } from '../../log.ts';

export interface FalProviderConfig {
  /** `key_id:key_secret`; lives only in this object and the Authorization header. */
  key: string;
  queueBaseUrl: string;
  restBaseUrl: string;
  /** Hosts outputs may be downloaded from (`host`, `host:port`, `*.domain`). */
  resultHosts: string[];
  requestTimeoutMs?: number;
}

/** fal's CDN hosts for outputs, for RESULT_HOSTS defaults. */
export const FAL_DEFAULT_RESULT_HOSTS = ['fal.media', '*.fal.media'];

interface FalRefData {
  endpoint: string;
  seed: number;
  numImages: number;
}

class FalProvider implements Provider {
  readonly id = 'fal' as const;
  readonly resubmitWhenLost = false;
  /** fal queues beyond the account's own concurrency and never rejects; this bounds our open polls. */
  readonly limits = { concurrency: 8 };
  private readonly client: FalClient;
  private readonly uploads: FalUploads;
  private readonly cursors = new Map<string, LogCursor>();
  private readonly lastState = new Map<string, 'queued' | 'running'>();

  constructor(
    private readonly config: FalProviderConfig,
    private readonly deps: ProviderDeps,
  ) {
    this.client = createFalHttpClient(config, deps.fetch, deps.now);
    this.uploads = new FalUploads(this.client, deps.now, (m, level) => this.log(m, level));
  }

  describe(): Promise<ProviderInfo> {
    return Promise.resolve(falDescriptor());
  }

  validate(request: FillRequest, image: StoredImage): void {
    if (!request.prompt?.trim()) {
      throw new AppError(
        'invalid_request',
        'FLUX.1 Fill needs a prompt: describe what should appear in the mask.',
      );
    }
    if (request.negativePrompt?.trim()) {
      throw new AppError('invalid_request', 'FLUX.1 Fill does not take a negative prompt; leave it empty.');
    }
    if (request.size && (request.size.width !== image.width || request.size.height !== image.height)) {
      throw new AppError(
        'invalid_request',
        `FLUX.1 Fill keeps the source size (${image.width}×${image.height}); choose no output size.`,
      );
    }
    const parsed = parseFalOptions(request.options);
    if (!parsed.ok) throw new AppError('invalid_request', parsed.message);
  }

  async submit(input: SubmitInput): Promise<UpstreamRef> {
    const { image, mask, request } = input;
    if (mask.width !== image.width || mask.height !== image.height) {
      throw new ProviderError(
        'invalid_mask',
        `The mask is ${mask.width}×${mask.height} but the image is ${image.width}×${image.height}; they must match.`,
        false,
      );
    }
    const parsed = parseFalOptions(input.options);
    if (!parsed.ok) throw new ProviderError('invalid_request', parsed.message, false);
    // The runner resolves one seed per variation; fal takes one seed for the batch (num_images).
    const seed = input.seeds[0];
    const numImages = Math.min(4, Math.max(1, input.seeds.length || (request.numVariations ?? 1)));
    try {
      const [imageUrl, maskUrl] = await Promise.all([this.uploads.urlFor(image), this.uploads.urlFor(mask)]);
      // From here the request may reach fal's queue: the runner must not re-submit after a restart.
      input.signal.throwIfAborted();
      await input.beforeCreate?.();
      const receipt = await this.client.queue.submit(FAL_ENDPOINT, {
        input: {
          prompt: request.prompt ?? '',
          image_url: imageUrl.url,
          mask_url: maskUrl.url,
          num_images: numImages,
          ...(seed === undefined ? {} : { seed }),
          ...parsed.options,
        },
        abortSignal: input.signal,
      });
      if (typeof receipt?.request_id !== 'string' || !receipt.request_id) {
        throw new ProviderError('upstream_error', 'fal accepted the fill but sent no request id.', false);
      }
      this.log(`fal: job ${input.jobId} submitted as request ${receipt.request_id} (${numImages} images)`);
      const data: FalRefData = { endpoint: FAL_ENDPOINT, seed: seed ?? 0, numImages };
      return { id: receipt.request_id, data: { ...data } };
    } catch (err) {
      throw this.fail(err, 'submitting the fill');
    }
  }

  async poll(ref: UpstreamRef, signal: AbortSignal): Promise<PollResult> {
    const { endpoint } = refData(ref);
    let status;
    try {
      status = await this.client.queue.status(endpoint, {
        requestId: ref.id,
        logs: true,
        abortSignal: signal,
      });
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return this.forget(ref, { state: 'lost' });
      throw this.fail(err, 'checking the request status');
    }
    const step = mapQueueStatus(status, this.cursor(ref.id));
    if (step.kind === 'pending') {
      if (step.result.state === 'queued' || step.result.state === 'running') {
        this.lastState.set(ref.id, step.result.state);
      }
      return step.result;
    }
    return this.finish(ref, step.notes, signal);
  }

  async cancel(ref: UpstreamRef): Promise<CancelResult> {
    const { endpoint } = refData(ref);
    try {
      await this.client.queue.cancel(endpoint, { requestId: ref.id });
    } catch (err) {
      if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 429) {
        const upstream = (err.body as { status?: unknown } | undefined)?.status;
        if (upstream === 'ALREADY_COMPLETED') {
          return {
            accepted: false,
            message: 'fal had already finished this request, so it could not be cancelled.',
          };
        }
        if (upstream === 'NOT_FOUND' || err.status === 404) {
          return {
            accepted: false,
            message: 'fal has no record of this request any more; nothing to cancel.',
          };
        }
        const detail = describeFalBody(err.body).message ?? `HTTP ${err.status}`;
        return { accepted: false, message: `fal refused the cancel: ${redact(detail, this.config.key)}` };
      }
      throw this.fail(err, 'cancelling the request');
    }
    const last = this.lastState.get(ref.id);
    // The runner stops polling a cancelled job, so nothing would clear these later.
    this.forget(ref, null);
    const message =
      last === 'queued'
        ? 'fal removed the request from its queue.'
        : last === 'running'
          ? 'fal was asked to stop, but it only cancels requests that have not started: this one may still finish and be billed.'
          : 'fal was asked to cancel; it drops requests that have not started, a running one may still finish.';
    return { accepted: true, message };
  }

  private async finish(ref: UpstreamRef, notes: string[], signal: AbortSignal): Promise<PollResult> {
    const { endpoint, seed } = refData(ref);
    let data: unknown;
    try {
      data = (await this.client.queue.result(endpoint, { requestId: ref.id, abortSignal: signal })).data;
    } catch (err) {
      const failed = this.failureOf(err);
      if (!failed) throw this.fail(err, 'fetching the result');
      return this.forget(
        ref,
        failed.cancelled ? { state: 'cancelled', notes } : { state: 'failed', error: failed.error, notes },
      );
    }
    const output = FalFillOutput.safeParse(data);
    if (!output.success) {
      const error = {
        code: 'upstream_error',
        message: 'fal returned a result without images.',
        retryable: false,
      };
      return this.forget(ref, { state: 'failed', error, notes });
    }
    try {
      const outputs = await storeOutputs(output.data, {
        images: this.deps.images,
        fetch: this.deps.fetch,
        resultHosts: this.config.resultHosts,
        signal,
        fallbackSeed: seed,
      });
      const flagged = outputs.flatMap((o, i) => (o.nsfw ? [i + 1] : []));
      const extra = [
        ...timingNotes(output.data.timings),
        ...(flagged.length
          ? [
              `fal's safety checker flagged output ${flagged.join(', ')} (it may be blank); see safety_tolerance.`,
            ]
          : []),
      ];
      return this.forget(ref, { state: 'succeeded', outputs, notes: [...notes, ...extra] });
    } catch (err) {
      if (err instanceof ProviderError && !err.retryable) {
        const error = { code: err.code, message: err.message, retryable: false };
        return this.forget(ref, { state: 'failed', error, notes });
      }
      throw this.fail(err, 'downloading the results');
    }
  }

  /** A result call's error that means the request itself ended badly (not a hiccup worth re-polling). */
  private failureOf(err: unknown) {
    let status: number;
    let body: unknown;
    let type: string | undefined;
    if (err instanceof ApiError) {
      ({ status, body } = err);
    } else if (err instanceof FalTransportError && err.kind === 'http' && hasDetail(err.body)) {
      ({ status, body } = err);
      type = err.errorType;
    } else {
      return null;
    }
    if (status === 401 || status === 403) return null;
    const error = jobErrorFromFailure(status, body, this.config.key, type);
    const cancelled = describeFalBody(body).errorType === 'client_cancelled' || type === 'client_cancelled';
    return { error, cancelled };
  }

  private fail(err: unknown, what: string): Error {
    const mapped = toProviderError(err, this.config.key, what);
    if (mapped instanceof ProviderError) this.log(`fal: ${mapped.message}`, 'warn');
    return mapped;
  }

  /** Every log line passes through redaction: upstream text can echo what we sent. */
  private log(message: string, level?: LogLevel) {
    this.deps.log(redact(message, this.config.key), level);
  }

  private cursor(id: string): LogCursor {
    let cursor = this.cursors.get(id);
    if (!cursor) this.cursors.set(id, (cursor = new LogCursor()));
    return cursor;
  }

  private forget<T extends PollResult | null>(ref: UpstreamRef, result: T): T {
    this.cursors.delete(ref.id);
    this.lastState.delete(ref.id);
    return result;
  }
}

const hasDetail = (body: unknown) => !!body && typeof body === 'object' && 'detail' in body;

function refData(ref: UpstreamRef): FalRefData {
  const d = ref.data ?? {};
  return {
    endpoint: typeof d.endpoint === 'string' ? d.endpoint : FAL_ENDPOINT,
    seed: typeof d.seed === 'number' ? d.seed : 0,
    numImages: typeof d.numImages === 'number' ? d.numImages : 1,
  };
}

/** The fal provider (FLUX.1 [pro] Fill) for the registry; only built when FAL_KEY is set. */
export function createFalProvider(config: FalProviderConfig, deps: ProviderDeps): Provider {
  return new FalProvider(config, deps);
}
