import { describe, expect, it } from 'vitest';
import { interpretStatus } from './status.ts';

describe('interpretStatus', () => {
  it('keeps polling on pending, running, cancel_pending and unknown values', () => {
    for (const status of ['pending', 'running', 'cancel_pending', 'completed_soon', undefined]) {
      expect(interpretStatus({ jobId: 'j', status }).kind).toBe('running');
    }
    expect(interpretStatus(null).kind).toBe('running');
  });

  it('reads progress as a fraction, percent or neither', () => {
    expect(interpretStatus({ status: 'running', progress: 0.25 })).toMatchObject({ progress: 0.25 });
    expect(interpretStatus({ status: 'running', progress: 40 })).toMatchObject({ progress: 0.4 });
    expect(interpretStatus({ status: 'running', progress: 250 })).toMatchObject({ progress: 1 });
    expect(interpretStatus({ status: 'running', progress: 'half' })).not.toHaveProperty('progress');
    expect(interpretStatus({ status: 'running', progress: -1 })).not.toHaveProperty('progress');
  });

  it('ends on both cancel spellings, failed and timeout', () => {
    expect(interpretStatus({ status: 'canceled' }).kind).toBe('cancelled');
    expect(interpretStatus({ status: 'cancelled' }).kind).toBe('cancelled');
    expect(interpretStatus({ status: 'failed', error_code: 'input_media_unsafe' })).toMatchObject({
      kind: 'failed',
      error: { code: 'input_media_unsafe', retryable: false },
    });
    expect(interpretStatus({ status: 'timeout' })).toMatchObject({
      kind: 'failed',
      error: { code: 'upstream_error', retryable: true },
    });
  });

  it('takes every output with its seed; success without images is a failure', () => {
    const ok = interpretStatus({
      status: 'succeeded',
      result: {
        size: { width: 1024, height: 1024 },
        outputs: [
          { seed: 1, image: { url: 'https://a/1' } },
          { seed: 2, image: { url: 'https://a/2' } },
        ],
      },
    });
    expect(ok).toEqual({
      kind: 'succeeded',
      results: [
        { url: 'https://a/1', seed: 1 },
        { url: 'https://a/2', seed: 2 },
      ],
    });
    expect(interpretStatus({ status: 'succeeded', result: { outputs: [] } }).kind).toBe('failed');
  });
});
