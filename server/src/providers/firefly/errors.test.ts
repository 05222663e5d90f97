import { describe, expect, it } from 'vitest';
import { httpError, jobError, parseRetryAfter } from './errors.ts';

const headers = (h: Record<string, string> = {}) => new Headers(h);

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-29T12:00:00Z');
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Sun, 29 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 29 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('httpError', () => {
  it('maps each upstream status to our code and retry rule', () => {
    const cases: [number, Record<string, unknown>, Record<string, string>, string, boolean][] = [
      [400, { error_code: 'bad_request' }, {}, 'invalid_request', false],
      [401, { error_code: '401013' }, {}, 'provider_unavailable', false],
      [
        403,
        { error_code: 'access_error' },
        { 'x-access-error': 'invalid_ims_scope' },
        'provider_unavailable',
        false,
      ],
      [403, { error_code: '403003', message: 'Api Key is invalid' }, {}, 'provider_unavailable', false],
      [408, { error_code: 'timeout_error' }, {}, 'upstream_error', true],
      [413, {}, {}, 'payload_too_large', false],
      [415, { error_code: 'invalid_content_type' }, {}, 'upstream_error', false],
      [422, { error_code: 'validation_error' }, {}, 'invalid_request', false],
      [422, { error_code: 'prompt_unsafe' }, {}, 'prompt_unsafe', false],
      [429, {}, { 'retry-after': '3' }, 'rate_limited', true],
      [451, { error_code: '10008' }, {}, 'input_media_unsafe', false],
      [500, { error_code: 'runtime_error' }, {}, 'upstream_error', true],
      [503, { error_code: 'model_not_loaded' }, {}, 'upstream_error', true],
    ];
    for (const [status, body, h, code, retryable] of cases) {
      const e = httpError('fill', status, body, headers(h), 0);
      expect([status, e.code, e.retryable]).toEqual([status, code, retryable]);
      expect(e.message.length).toBeGreaterThan(20);
    }
    expect(httpError('fill', 429, {}, headers({ 'retry-after': '3' }), 0).retryAfterMs).toBe(3000);
    expect(httpError('fill', 403, {}, headers({ 'x-access-error': 'invalid_ims_scope' }), 0).message).toMatch(
      /FIREFLY_SCOPES/,
    );
  });
});

describe('jobError', () => {
  it('words content-safety failures for a designer and keeps Firefly’s message for others', () => {
    expect(jobError('failed', { error_code: 'input_media_unsafe' }).message).toMatch(/source image or mask/);
    expect(jobError('failed', { error_code: 'language_not_supported' }).code).toBe('invalid_request');
    expect(jobError('failed', { error_code: 'x', message: 'a'.repeat(400) }).message.length).toBeLessThan(
      380,
    );
    expect(jobError('failed', {}).message).toBe('Adobe Firefly could not complete the fill.');
  });
});
