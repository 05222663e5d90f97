import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Log } from './log.ts';

/** The one table of error codes and their HTTP statuses (DESIGN.md §2). */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_image: 422,
  invalid_mask: 422,
  rate_limited: 429,
  internal_error: 500,
  upstream_error: 502,
  provider_unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. Retry-After on 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code];
  }
}

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'invalid_request',
  401: 'unauthorized',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/**
 * Three tiers: our own errors, Hono's HTTPException, and anything else (logged, 500, no detail leaked).
 * `log` is injected so tests can assert nothing secret is logged.
 */
export function handleError(err: Error, c: Context, log: Log = (msg) => console.error(msg)) {
  if (err instanceof AppError) {
    for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
    return c.json(errorBody(err.code, err.message, err.details), err.status);
  }
  if (err instanceof HTTPException) {
    const code = HTTP_STATUS_CODES[err.status] ?? (err.status >= 500 ? 'internal_error' : 'invalid_request');
    const message = err.message || `request failed with status ${err.status}`;
    return c.json(errorBody(code, message), err.status);
  }
  log(`unhandled error on ${c.req.method} ${c.req.path}: ${err.name}: ${err.message}`, 'error');
  return c.json(errorBody('internal_error', 'Something went wrong on the server. Please try again.'), 500);
}
