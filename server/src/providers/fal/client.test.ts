import { describe, expect, it } from 'vitest';
import { parseRetryAfter, rewriteFalUrl } from './client.ts';

const bases = { queueBaseUrl: 'http://127.0.0.1:4000/', restBaseUrl: 'http://127.0.0.1:4001/fal-rest' };

describe('rewriteFalUrl', () => {
  it('points fal’s fixed hosts at the configured bases', () => {
    expect(rewriteFalUrl('https://queue.fal.run/fal-ai/flux-pro/requests/x/status?logs=1', bases)).toBe(
      'http://127.0.0.1:4000/fal-ai/flux-pro/requests/x/status?logs=1',
    );
    expect(rewriteFalUrl('https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3', bases)).toBe(
      'http://127.0.0.1:4001/fal-rest/storage/upload/initiate?storage_type=fal-cdn-v3',
    );
  });

  it('leaves every other URL alone (signed upload URLs, look-alike hosts)', () => {
    for (const url of [
      'https://storage.googleapis.com/x?sig=1',
      'https://queue.fal.run.evil.com/x',
      'https://fal.run/x',
    ]) {
      expect(rewriteFalUrl(url, bases)).toBe(url);
    }
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(new Date(60_000).toUTCString(), 30_000)).toBe(30_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
