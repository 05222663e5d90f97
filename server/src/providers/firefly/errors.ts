import type { JobError } from '../../contract/index.ts';
import { ProviderError } from '../interface.ts';

/** Firefly's error body: `{error_code, message?, validation_errors?}` (upload API: numeric-string codes). */
export interface FireflyErrorBody {
  error_code?: unknown;
  message?: unknown;
  validation_errors?: unknown;
}

const MAX_UPSTREAM_TEXT = 300;

/** Upstream text shown to a user: single line, bounded. Secrets are scrubbed by the caller (Redactor). */
export function upstreamText(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const line = value.replace(/\s+/g, ' ').trim();
  return line.length > MAX_UPSTREAM_TEXT ? `${line.slice(0, MAX_UPSTREAM_TEXT)}…` : line;
}

/** Job-level failures (status `failed`) and the sync spec's 422 content errors, in a designer's words. */
const CONTENT_ERRORS: Record<string, { code: string; message: string }> = {
  prompt_unsafe: {
    code: 'prompt_unsafe',
    message:
      "Adobe Firefly declined this prompt under Adobe's content rules. Rephrase the prompt (or leave it empty) and try again.",
  },
  input_media_unsafe: {
    code: 'input_media_unsafe',
    message:
      "Adobe Firefly declined the source image or mask under Adobe's content rules. Try a different image.",
  },
  output_media_unsafe: {
    code: 'output_media_unsafe',
    message:
      "Adobe Firefly's safety filter blocked the generated result. Try again with another prompt or seed.",
  },
  language_not_supported: {
    code: 'invalid_request',
    message:
      "Adobe Firefly does not support the prompt's language. Write the prompt in a supported language.",
  },
};

/** Maps a terminal job status (`failed`, `timeout`) to the job's error. */
export function jobError(status: string, body: FireflyErrorBody): JobError {
  const code = typeof body.error_code === 'string' ? body.error_code : '';
  const known = CONTENT_ERRORS[code];
  if (known) return { ...known, retryable: false };
  if (status === 'timeout' || code === 'timeout_error') {
    return {
      code: 'upstream_error',
      message: 'Adobe Firefly timed out on this fill. Try again.',
      retryable: true,
    };
  }
  const detail = upstreamText(body.message);
  return {
    code: 'upstream_error',
    message: `Adobe Firefly could not complete the fill${code ? ` (${code})` : ''}${detail ? `: ${detail}` : '.'}`,
    retryable: code === 'runtime_error' || code === 'model_not_loaded',
  };
}

/** Delay from a `Retry-After` header: delta-seconds or an HTTP date (the specs do not pin the format). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

function validationSummary(errors: unknown): string | undefined {
  if (!Array.isArray(errors)) return undefined;
  const parts = errors.slice(0, 3).map((e: { loc?: unknown; msg?: unknown }) => {
    const loc = Array.isArray(e?.loc) ? e.loc.filter((p) => p !== 'body').join('.') : '';
    return [loc, upstreamText(e?.msg)].filter(Boolean).join(': ');
  });
  return upstreamText(parts.filter(Boolean).join('; '));
}

const ACCESS_ERRORS: Record<string, string> = {
  quota_exhausted:
    "The organisation's Adobe Firefly quota is used up. Ask the Adobe admin for more, or use another provider.",
  user_non_entitled: 'These Firefly Services credentials are not entitled to the Firefly API.',
  user_profile_denied: 'Adobe denied access for this Firefly Services profile.',
  invalid_ims_scope:
    'The Firefly token lacks a required scope. Check FIREFLY_SCOPES (it needs firefly_api,ff_apis).',
};

/**
 * An HTTP error from a Firefly endpoint (upload, fill-async, status, cancel) as the ProviderError the
 * runner understands: retryable for 408/429/5xx, with Retry-After honoured on 429.
 */
export function httpError(
  what: string,
  status: number,
  body: FireflyErrorBody,
  headers: Headers,
  now: number,
): ProviderError {
  const code = typeof body.error_code === 'string' ? body.error_code : '';
  const detail = upstreamText(body.message);
  const content = CONTENT_ERRORS[code];
  if (content) return new ProviderError(content.code, content.message, false);
  if (status === 429) {
    const wait = parseRetryAfter(headers.get('retry-after'), now);
    const secs = wait === undefined ? '' : ` Retrying in ${Math.ceil(wait / 1000)} s.`;
    return new ProviderError(
      'rate_limited',
      `Adobe Firefly's rate limit was reached (${what}).${secs}`,
      true,
      wait,
    );
  }
  if (status === 401) {
    return new ProviderError(
      'provider_unavailable',
      'Adobe Firefly did not accept the access token even after a refresh. Check the Firefly Services credentials.',
      false,
    );
  }
  if (status === 403) {
    const access = headers.get('x-access-error') ?? '';
    const message =
      ACCESS_ERRORS[access] ??
      (code === '403003'
        ? 'Adobe Firefly rejected the API key (FIREFLY_SERVICES_CLIENT_ID).'
        : `Adobe Firefly refused access (${what})${detail ? `: ${detail}` : '.'}`);
    return new ProviderError('provider_unavailable', message, false);
  }
  if (status === 408 || status >= 500) {
    return new ProviderError(
      'upstream_error',
      `Adobe Firefly had a problem (${what}: HTTP ${status}${code ? ` ${code}` : ''}). Try again in a few minutes.`,
      true,
    );
  }
  if (status === 413) {
    return new ProviderError(
      'payload_too_large',
      `The image is too large for Adobe Firefly (${what}).`,
      false,
    );
  }
  if (status === 451) {
    return new ProviderError('input_media_unsafe', CONTENT_ERRORS.input_media_unsafe!.message, false);
  }
  if (status === 422 || status === 400) {
    const summary = validationSummary(body.validation_errors) ?? detail;
    return new ProviderError(
      'invalid_request',
      `Adobe Firefly rejected the request (${what}${code ? `: ${code}` : ''})${summary ? `: ${summary}` : '.'}`,
      false,
    );
  }
  return new ProviderError(
    'upstream_error',
    `Adobe Firefly answered HTTP ${status} (${what})${detail ? `: ${detail}` : '.'}`,
    false,
  );
}
