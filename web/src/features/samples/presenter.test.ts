import type { Job } from '@maskfill/server/contract';
import { describe, expect, it } from 'vitest';
import { presenterShows, SLOW_MS } from './PresenterView.tsx';

const ID = 'a'.repeat(64);
const job = (status: Job['status'], n: number): Job => ({
  id: `j${n}`,
  provider: n === 0 ? 'fal' : 'local',
  status,
  revision: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  request: { provider: 'local', imageId: ID, maskId: ID },
  outputs: status === 'succeeded' ? [{ imageId: ID, url: `/out${n}`, seed: 1, width: 8, height: 8 }] : [],
});

describe('presenter fallback', () => {
  it('shows the provider’s result when it succeeds', () => {
    expect(presenterShows(job('succeeded', 0), job('succeeded', 1), 1000)).toMatchObject({
      shown: { url: '/out0' },
      showFallback: false,
    });
  });
  it('shows the local result with a message when the provider fails', () => {
    expect(presenterShows(job('failed', 0), job('succeeded', 1), 1000)).toMatchObject({
      shown: { url: '/out1' },
      showFallback: true,
      failed: true,
    });
  });
  it('switches to the local result only once the provider is slow', () => {
    expect(presenterShows(job('running', 0), job('succeeded', 1), SLOW_MS - 1)).toMatchObject({
      shown: undefined,
      slow: false,
    });
    expect(presenterShows(job('running', 0), job('succeeded', 1), SLOW_MS + 1)).toMatchObject({
      shown: { url: '/out1' },
      slow: true,
    });
  });
  it('never shows an image that is not there yet', () => {
    expect(presenterShows(job('failed', 0), job('running', 1), 0).shown).toBeUndefined();
    expect(presenterShows(undefined, undefined, 0).shown).toBeUndefined();
  });
});
