import { describe, expect, it } from 'vitest';
import {
  ErrorBody,
  FillRequest,
  ImageInfo,
  isTerminal,
  Job,
  JobList,
  ProviderInfo,
} from '../src/contract/index.ts';
import { LOCAL_INFO } from '../src/providers/local/describe.ts';
import { fireflyDescriptor } from '../src/providers/firefly/index.ts';
import { falDescriptor } from '../src/providers/fal/index.ts';

const id = 'a'.repeat(64);
const base = { provider: 'local', imageId: id, maskId: id } as const;

describe('FillRequest', () => {
  it('accepts the minimal and the full request', () => {
    expect(FillRequest.parse(base)).toEqual(base);
    const full = {
      ...base,
      provider: 'firefly',
      prompt: 'a red barn\nat dusk',
      negativePrompt: 'people',
      size: { width: 1024, height: 1024 },
      numVariations: 2,
      seeds: [1, 2],
      locale: 'en-US',
      options: { contentClass: 'photo' },
    };
    expect(FillRequest.parse(full)).toEqual(full);
  });

  it.each([
    [{ ...base, imageId: id.toUpperCase() }, 'imageId'],
    [{ ...base, maskId: '../x' }, 'maskId'],
    [{ ...base, provider: 'dalle' }, 'provider'],
    [{ ...base, numVariations: 0 }, 'numVariations'],
    [{ ...base, numVariations: 5 }, 'numVariations'],
    [{ ...base, seeds: [] }, 'seeds'],
    [{ ...base, seeds: [-1] }, 'seeds'],
    [{ ...base, seeds: [2_147_483_648] }, 'seeds'],
    [{ ...base, seeds: [3, 3] }, 'seeds'],
    [{ ...base, seeds: [1, 2], numVariations: 3 }, 'seeds'],
    [{ ...base, size: { width: 0, height: 10 } }, 'size'],
    [{ ...base, size: { width: 8193, height: 10 } }, 'size'],
    [{ ...base, locale: 'english' }, 'locale'],
    [{ ...base, prompt: 'x'.repeat(1025) }, 'prompt'],
    [{ ...base, prompt: 'bell\u0007' }, 'prompt'],
    [{ ...base, unknown: true }, ''],
  ])('refuses %j at %s', (input, field) => {
    const result = FillRequest.safeParse(input);
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    if (field) expect(paths.some((p) => p.startsWith(field))).toBe(true);
  });
});

describe('Job', () => {
  const job = {
    id: 'j1',
    provider: 'local',
    status: 'succeeded',
    revision: 3,
    createdAt: '2026-01-01T00:00:00.000Z',
    request: base,
    outputs: [{ imageId: id, url: `/api/images/${id}`, seed: 4, width: 20, height: 20 }],
  };

  it('parses a job and a page of them', () => {
    expect(Job.parse(job)).toEqual(job);
    expect(JobList.parse({ jobs: [job], nextCursor: null }).jobs).toHaveLength(1);
  });

  it('refuses an unknown status, a negative revision, progress above 1', () => {
    expect(Job.safeParse({ ...job, status: 'done' }).success).toBe(false);
    expect(Job.safeParse({ ...job, revision: -1 }).success).toBe(false);
    expect(Job.safeParse({ ...job, progress: 1.5 }).success).toBe(false);
  });

  it('knows the terminal states', () => {
    expect(
      ['queued', 'running', 'succeeded', 'failed', 'cancelled'].map((s) => isTerminal(s as never)),
    ).toEqual([false, false, true, true, true]);
  });
});

describe('other shapes', () => {
  it('ImageInfo refuses a zero-sized image', () => {
    const info = { id, width: 1, height: 1, contentType: 'image/png', bytes: 10, url: `/api/images/${id}` };
    expect(ImageInfo.parse(info)).toEqual(info);
    expect(ImageInfo.safeParse({ ...info, width: 0 }).success).toBe(false);
    expect(ImageInfo.safeParse({ ...info, contentType: 'image/gif' }).success).toBe(false);
  });

  it('ErrorBody needs a code and a message', () => {
    expect(ErrorBody.safeParse({ error: { code: 'x' } }).success).toBe(false);
    expect(ErrorBody.parse({ error: { code: 'x', message: 'y', details: [1] } }).error.details).toEqual([1]);
  });

  it('every built-in provider description satisfies ProviderInfo', () => {
    for (const info of [
      LOCAL_INFO,
      fireflyDescriptor(),
      fireflyDescriptor('no credentials'),
      falDescriptor(),
      falDescriptor('no key'),
    ]) {
      expect(ProviderInfo.parse(info)).toEqual(info);
    }
  });
});
