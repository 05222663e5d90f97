import { ApiError } from '@fal-ai/client';
import type { JobError } from '../../contract/index.ts';
import { ProviderError } from '../interface.ts';
import { FalTransportError } from './client.ts';

/** Removes the key (whole, id or secret) from text that came from upstream or from us. */
export function redact(text: string, key: string): string {
  let out = text;
  for (const part of [key, ...key.split(':')].filter((p) => p.length >= 4)) {
    out = out.split(part).join('***');
  }
  return out;
}

interface FalDetailItem {
  loc?: unknown[];
  msg?: string;
  type?: string;
}

/** fal's error bodies: `{"detail":[{loc,msg,type,…}]}`, `{"detail":"…","error_type":"…"}`, or text. */
export function describeFalBody(body: unknown): { message?: string; errorType?: string; types: string[] } {
  if (typeof body === 'string') {
    // A gateway's HTML page says nothing useful to a user.
    const text = body.trim();
    return { message: text && !text.startsWith('<') ? text.slice(0, 300) : undefined, types: [] };
  }
  if (!body || typeof body !== 'object') return { types: [] };
  const { detail, error_type: errorType, message } = body as Record<string, unknown>;
  const et = typeof errorType === 'string' ? errorType : undefined;
  if (typeof detail === 'string') return { message: detail, errorType: et, types: et ? [et] : [] };
  if (Array.isArray(detail)) {
    const items = detail as FalDetailItem[];
    const text = items
      .map((d) => {
        const field = Array.isArray(d.loc) ? d.loc.filter((p) => p !== 'body').join('.') : '';
        return field && d.msg ? `${field}: ${d.msg}` : (d.msg ?? '');
      })
      .filter(Boolean)
      .join('; ');
    const types = items.map((d) => d.type).filter((t): t is string => typeof t === 'string');
    return { message: text || undefined, errorType: et, types };
  }
  return { message: typeof message === 'string' ? message : undefined, errorType: et, types: et ? [et] : [] };
}

const SAFETY_TYPES = new Set(['content_policy_violation', 'nsfw_content_detected', 'prompt_unsafe']);

/** Infrastructure failures fal reports per request: worth trying again as a new request. */
const TRANSIENT_TYPES = new Set([
  'request_timeout',
  'startup_timeout',
  'runner_scheduling_failure',
  'runner_connection_timeout',
  'runner_disconnected',
  'runner_connection_refused',
  'runner_connection_error',
  'runner_incomplete_response',
  'runner_server_error',
  'internal_error',
]);

/** A failed request's result (non-2xx with a body) → the job's error. */
export function jobErrorFromFailure(
  status: number,
  body: unknown,
  key: string,
  headerType?: string,
): JobError {
  const { message, errorType, types } = describeFalBody(body);
  const type = errorType ?? headerType;
  const all = type ? [type, ...types] : types;
  const text = redact(message ?? `HTTP ${status}`, key);
  if (all.some((t) => SAFETY_TYPES.has(t))) {
    return {
      code: 'prompt_unsafe',
      message: `fal refused the request on safety grounds: ${text}`,
      retryable: false,
    };
  }
  if (status === 422 || status === 400) {
    return { code: 'invalid_request', message: `fal rejected the request: ${text}`, retryable: false };
  }
  const retryable = status >= 500 || (type !== undefined && TRANSIENT_TYPES.has(type));
  return {
    code: 'upstream_error',
    message: `fal could not complete the request${type ? ` (${type})` : ''}: ${text}`,
    retryable,
  };
}

/** Any error from a fal call → ProviderError for the runner (retryable when another try may work). */
export function toProviderError(err: unknown, key: string, what: string): ProviderError | Error {
  if (err instanceof ProviderError) return err;
  if (
    err instanceof Error &&
    (err.name === 'AbortError' || err.name === 'TimeoutError') &&
    !(err instanceof FalTransportError)
  ) {
    return err;
  }
  if (err instanceof FalTransportError) {
    if (err.kind !== 'http')
      return new ProviderError('upstream_error', `${err.message} while ${what}.`, true);
    const detail = describeFalBody(err.body).message;
    const suffix = detail ? `: ${redact(detail, key)}` : '';
    if (err.status === 429) {
      return new ProviderError(
        'rate_limited',
        `fal is rate limiting requests${suffix}`,
        true,
        err.retryAfterMs,
      );
    }
    return new ProviderError(
      'upstream_error',
      `fal answered HTTP ${err.status} while ${what}${suffix}`,
      true,
      err.retryAfterMs,
    );
  }
  if (err instanceof ApiError) {
    const detail = describeFalBody(err.body).message;
    const text = redact(detail ?? err.message ?? `HTTP ${err.status}`, key);
    if (err.status === 401 || err.status === 403) {
      return new ProviderError(
        'provider_unavailable',
        `fal refused the API key (check FAL_KEY): ${text}`,
        false,
      );
    }
    if (err.status === 422 || err.status === 400) {
      return new ProviderError('invalid_request', `fal rejected the request: ${text}`, false);
    }
    return new ProviderError(
      'upstream_error',
      `fal answered HTTP ${err.status} while ${what}: ${text}`,
      false,
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  return new ProviderError(
    'upstream_error',
    redact(`Unexpected error while ${what}: ${message}`, key),
    false,
  );
}
