import { ProviderError } from '../interface.ts';
import { httpError, type FireflyErrorBody } from './errors.ts';
import type { ImsTokenSource } from './ims.ts';

export interface FireflyResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface CallOptions {
  /** Short name of the operation for messages: "upload", "fill", "status", "cancel". */
  what: string;
  method: 'GET' | 'POST' | 'PUT';
  /** Path on the configured API base URL (never a URL the upstream handed us). */
  path: string;
  body?: BodyInit;
  contentType?: string;
  /** Statuses returned to the caller instead of thrown (e.g. cancel's 404/409/410). */
  accept?: number[];
  signal?: AbortSignal;
}

/**
 * Authenticated calls to the Firefly API: Bearer token + x-api-key on every call, one token refresh and
 * retry on 401, every failure turned into a ProviderError with a readable, secret-free message.
 */
export class FireflyHttp {
  constructor(
    private readonly base: string,
    private readonly clientId: string,
    private readonly ims: ImsTokenSource,
    private readonly fetchFn: typeof fetch,
    private readonly now: () => number,
    private readonly timeoutMs: number,
  ) {}

  async call(opts: CallOptions): Promise<FireflyResponse> {
    const token = await this.ims.get();
    let res = await this.send(opts, token);
    if (res.status === 401) {
      // Expired or revoked token: refresh once (single-flight) and retry.
      this.ims.invalidate(token);
      res = await this.send(opts, await this.ims.get());
    }
    if ((res.status >= 200 && res.status < 300) || opts.accept?.includes(res.status)) return res;
    const err = httpError(opts.what, res.status, asErrorBody(res.body), res.headers, this.now());
    throw new ProviderError(err.code, this.ims.scrub(err.message), err.retryable, err.retryAfterMs);
  }

  url(path: string): string {
    return `${this.base.replace(/\/+$/, '')}${path}`;
  }

  private async send(opts: CallOptions, token: string): Promise<FireflyResponse> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      'x-api-key': this.clientId,
      accept: 'application/json',
    };
    if (opts.contentType) headers['content-type'] = opts.contentType;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await this.fetchFn(this.url(opts.path), {
        method: opts.method,
        headers,
        ...(opts.body === undefined ? {} : { body: opts.body }),
        redirect: 'error',
        signal,
      });
    } catch (e) {
      if (opts.signal?.aborted) throw opts.signal.reason ?? e;
      const why = timeout.aborted
        ? `no answer within ${Math.round(this.timeoutMs / 1000)} s`
        : 'network error';
      throw new ProviderError(
        'upstream_error',
        `Could not reach Adobe Firefly (${opts.what}: ${why}).`,
        true,
      );
    }
    const text = await res.text().catch(() => '');
    return { status: res.status, headers: res.headers, body: parseJson(text) };
  }
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    // Gateways answer some errors (413, empty 429s) with HTML or nothing.
    return null;
  }
}

function asErrorBody(body: unknown): FireflyErrorBody {
  return body !== null && typeof body === 'object' ? (body as FireflyErrorBody) : {};
}

/** A jobId in a path as Adobe's own statusUrl has it: URN colons kept, anything else escaped. */
export function jobPath(prefix: string, jobId: string): string {
  return `${prefix}/${encodeURIComponent(jobId).replace(/%3A/gi, ':')}`;
}
