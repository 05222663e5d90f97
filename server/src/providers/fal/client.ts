import { createFalClient, type FalClient } from '@fal-ai/client';

/** The fixed origins @fal-ai/client builds its URLs from (it has no base-URL option). */
const FAL_QUEUE_ORIGIN = 'https://queue.fal.run';
const FAL_REST_ORIGIN = 'https://rest.fal.ai';

/** Statuses @fal-ai/client would retry on its own (429/502/503/504, and 500 while polling). */
const CLIENT_RETRIED_STATUSES = new Set([429, 500, 502, 503, 504]);
const UPLOAD_TIMEOUT_MS = 120_000;

export interface FalClientConfig {
  key: string;
  queueBaseUrl: string;
  restBaseUrl: string;
  /** Per HTTP call; a dropped or stalled connection fails after this long. */
  requestTimeoutMs?: number;
}

/**
 * An HTTP answer or transport failure the client must not retry by itself. The runner owns retries: it
 * honours Retry-After, backs off with jitter and gives up with a clear job error, where the client's own
 * loop (3 tries, 1 s base, Retry-After ignored, not configurable for queue calls) would stack under it.
 * Deliberately carries no `cause`: the client walks the cause chain looking for retryable socket codes.
 */
export class FalTransportError extends Error {
  constructor(
    readonly kind: 'http' | 'network' | 'timeout',
    message: string,
    readonly status = 0,
    readonly body: unknown = undefined,
    readonly retryAfterMs?: number,
    readonly errorType?: string,
  ) {
    super(message);
    this.name = 'FalTransportError';
  }
}

/** Rewrites fal's fixed hosts to the configured bases (emulators in tests, proxies in odd networks). */
export function rewriteFalUrl(url: string, config: Pick<FalClientConfig, 'queueBaseUrl' | 'restBaseUrl'>) {
  const swap = (origin: string, base: string) =>
    url === origin || url.startsWith(`${origin}/`) || url.startsWith(`${origin}?`)
      ? base.replace(/\/+$/, '') + url.slice(origin.length)
      : null;
  return swap(FAL_QUEUE_ORIGIN, config.queueBaseUrl) ?? swap(FAL_REST_ORIGIN, config.restBaseUrl) ?? url;
}

/** Seconds or an HTTP date → milliseconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text().catch(() => '');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text || undefined;
  }
}

/**
 * fal's docs list ALREADY_COMPLETED / NOT_FOUND as cancel answers without fixing their HTTP status, and
 * the client drops a 2xx cancel body. A 2xx refusal is turned into a 409 so it surfaces as ApiError.
 */
async function refusedCancelAs409(res: Response): Promise<Response> {
  const text = await res.text();
  let status: unknown;
  try {
    status = (JSON.parse(text) as { status?: unknown }).status;
  } catch {
    status = undefined;
  }
  const refused = status === 'ALREADY_COMPLETED' || status === 'NOT_FOUND';
  return new Response(text || null, { status: refused ? 409 : res.status, headers: res.headers });
}

/** fetch for the client: host rewrite, a per-call timeout, and retryable failures surfaced untried. */
export function falFetch(config: FalClientConfig, baseFetch: typeof fetch, now: () => number): typeof fetch {
  const timeoutMs = config.requestTimeoutMs ?? 30_000;
  return async (input, init) => {
    const url = rewriteFalUrl(input instanceof Request ? input.url : String(input), config);
    // Storage PUTs carry the whole image: give slow uplinks longer than an API call.
    const isUpload = init?.method === 'PUT' && !url.endsWith('/cancel');
    const limitMs = isUpload ? Math.max(timeoutMs, UPLOAD_TIMEOUT_MS) : timeoutMs;
    const timeout = AbortSignal.timeout(limitMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await baseFetch(url, { ...init, signal });
    } catch (err) {
      if (init?.signal?.aborted) throw err;
      if (timeout.aborted) {
        throw new FalTransportError('timeout', `fal did not answer within ${Math.round(limitMs / 1000)} s`);
      }
      throw new FalTransportError('network', 'Could not reach fal (the connection failed or was dropped)');
    }
    if (res.ok && init?.method === 'PUT' && url.endsWith('/cancel')) return refusedCancelAs409(res);
    if (!CLIENT_RETRIED_STATUSES.has(res.status)) return res;
    throw new FalTransportError(
      'http',
      `fal answered HTTP ${res.status}`,
      res.status,
      await readBody(res),
      parseRetryAfter(res.headers.get('retry-after'), now()),
      res.headers.get('x-fal-error-type') ?? undefined,
    );
  };
}

/** A server-side fal client: explicit credentials (never read from process.env here), our fetch. */
export function createFalHttpClient(config: FalClientConfig, baseFetch: typeof fetch, now: () => number) {
  const client: FalClient = createFalClient({
    credentials: config.key,
    suppressLocalCredentialsWarning: true,
    fetch: falFetch(config, baseFetch, now),
  });
  return client;
}
