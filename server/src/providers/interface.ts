import type { FillRequest, JobError, JobOutput, ProviderId, ProviderInfo, Size } from '../contract/index.ts';
import type { LogLevel } from '../log.ts';

/** A stored image as the server sees it (never sent to the browser as-is). */
export interface StoredImage {
  id: string;
  path: string;
  width: number;
  height: number;
  contentType: 'image/png' | 'image/jpeg' | 'image/webp';
  bytes: number;
}

/** Everything a provider needs to start one fill. The server has already validated and normalised it. */
export interface SubmitInput {
  jobId: string;
  request: FillRequest;
  image: StoredImage;
  /** Opaque 8-bit black-and-white PNG, same pixel size as `image`; white = fill. */
  mask: StoredImage;
  /** One distinct seed per variation (resolved by the server when the user gave none). */
  seeds: number[];
  /** Requested output size, or null for "same as source". */
  size: Size | null;
  /** Provider-specific options, already validated against `describe().options`. */
  options: Record<string, unknown>;
  signal: AbortSignal;
  /**
   * A remote provider awaits this right before it sends its create (billable) request, after its
   * uploads. The runner persists it: killed before, the job is submitted again after a restart; killed
   * after (and before the handle was saved), it fails rather than risk billing twice. Absent in tests.
   */
  beforeCreate?: () => Promise<void>;
}

/**
 * A handle on upstream work. Persisted with the job (JSON), so after a restart the runner can poll or
 * cancel it again. Never holds a secret.
 */
export interface UpstreamRef {
  id: string;
  data?: Record<string, unknown>;
}

export type PollResult =
  | {
      state: 'queued' | 'running';
      progress?: number;
      queuePosition?: number;
      /** New upstream log lines / notes to append to the job. */
      notes?: string[];
      /** Provider's hint for the next poll (e.g. Retry-After, or a fast local loop). */
      nextPollMs?: number;
    }
  | { state: 'succeeded'; outputs: JobOutput[]; notes?: string[] }
  | { state: 'failed'; error: JobError; notes?: string[] }
  | { state: 'cancelled'; notes?: string[] }
  /** Upstream has no record of this job (e.g. a local task lost in a restart). */
  | { state: 'lost' };

export interface CancelResult {
  /** True when the upstream accepted the cancel; false when it was too late or unknown. */
  accepted: boolean;
  message?: string;
}

export interface Provider {
  readonly id: ProviderId;
  describe(): Promise<ProviderInfo>;
  /**
   * Throws AppError (400 invalid_request / 422 invalid_mask / 503 provider_unavailable) for a request this
   * provider cannot take, before any upstream call.
   */
  validate(request: FillRequest, image: StoredImage): void;
  /**
   * Optional check of the normalised mask's coverage (e.g. the local engine needs some unmasked pixels
   * to copy from). Throws AppError 422 invalid_mask; runs before the job is created.
   */
  validateMask?(mask: { width: number; height: number; filled: number; total: number }): void;
  submit(input: SubmitInput): Promise<UpstreamRef>;
  poll(ref: UpstreamRef, signal: AbortSignal): Promise<PollResult>;
  cancel(ref: UpstreamRef): Promise<CancelResult>;
  /** Local work is re-run after a restart; remote work is polled again. */
  readonly resubmitWhenLost: boolean;
  /**
   * Admission limits the runner enforces before submit: jobs wait `queued` (with a queuePosition) until a
   * concurrency slot and, when set, a per-minute request token are free (Firefly: 4 requests/min per org).
   */
  readonly limits: { concurrency: number; requestsPerMinute?: number };
  /** How soon after submit the runner polls first (local: almost at once). Default about 1 s. */
  readonly firstPollMs?: number;
}

export type ProviderRegistry = ReadonlyMap<ProviderId, Provider>;

/** What providers may do with the image store: read inputs, store outputs. */
export interface ImageSink {
  /** Stores bytes (sniffed and decoded); returns the stored image. Same bytes → same id. */
  put(bytes: Uint8Array, contentTypeHint?: string): Promise<StoredImage>;
  get(id: string): Promise<StoredImage | null>;
  /** The browser-facing URL of an image: `/api/images/:id`. */
  urlFor(id: string): string;
}

/** Services every provider is built with; tests pass emulator URLs, fake clocks and fetch. */
export interface ProviderDeps {
  images: ImageSink;
  fetch: typeof fetch;
  now: () => number;
  log: (msg: string, level?: LogLevel) => void;
}

/**
 * Thrown by submit/poll/cancel. `code` becomes the job's error code (e.g. `prompt_unsafe`,
 * `upstream_error`, `provider_unavailable`); the runner retries retryable errors with bounded backoff,
 * waiting at least `retryAfterMs` when the upstream said so. The message is shown to the user: it must
 * be readable and never contain a secret or token.
 */
export class ProviderError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}
