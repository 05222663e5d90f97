import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './ApiError.ts';
import { createApiClient } from './client.ts';

const id = 'a'.repeat(64);
const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const job = {
  id: 'job_1',
  provider: 'local',
  status: 'queued',
  revision: 0,
  createdAt: '2026-11-29T20:00:00.000Z',
  request: { provider: 'local', imageId: id, maskId: id },
  outputs: [],
};

describe('api client', () => {
  it('uploads raw bytes with the file type and parses ImageInfo', async () => {
    const fetch = vi.fn(async () =>
      jsonResponse(201, {
        id,
        width: 4,
        height: 3,
        contentType: 'image/png',
        bytes: 10,
        url: `/api/images/${id}`,
      }),
    );
    const api = createApiClient({ fetch });
    const info = await api.uploadImage(new Blob(['png'], { type: 'image/png' }));
    expect(info).toMatchObject({ id, width: 4, height: 3 });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/images');
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ 'Content-Type': 'image/png' });
  });

  it('turns an error body into an ApiError with status, code and message', async () => {
    const api = createApiClient({
      fetch: async () =>
        jsonResponse(422, {
          error: { code: 'invalid_mask', message: 'The mask is empty: paint the area to fill.' },
        }),
    });
    const err = await api.createFill({ provider: 'local', imageId: id, maskId: id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 422,
      code: 'invalid_mask',
      message: 'The mask is empty: paint the area to fill.',
    });
  });

  it('explains non-JSON failures and network errors', async () => {
    const proxy = createApiClient({
      fetch: async () => new Response('<html>', { status: 502, statusText: 'Bad Gateway' }),
    });
    await expect(proxy.providers()).rejects.toMatchObject({
      status: 502,
      code: 'http_error',
      message: 'The server answered 502 Bad Gateway.',
    });
    const down = createApiClient({
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(down.providers()).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('rejects a response that does not match the contract', async () => {
    const api = createApiClient({ fetch: async () => jsonResponse(200, { ...job, status: 'exploded' }) });
    await expect(api.getJob('job_1')).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('posts fills as JSON and lists jobs with paging parameters', async () => {
    const fetch = vi.fn(async (url: string) =>
      url.startsWith('/api/jobs')
        ? jsonResponse(200, { jobs: [job], nextCursor: null })
        : jsonResponse(202, job),
    );
    const api = createApiClient({ fetch: fetch as unknown as typeof globalThis.fetch });
    const created = await api.createFill({
      provider: 'local',
      imageId: id,
      maskId: id,
      numVariations: 2,
      seeds: [7, 8],
    });
    expect(created.status).toBe('queued');
    const body = JSON.parse((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body as string);
    expect(body).toEqual({ provider: 'local', imageId: id, maskId: id, numVariations: 2, seeds: [7, 8] });
    const list = await api.listJobs({ limit: 20, cursor: 'abc' });
    expect(list.jobs).toHaveLength(1);
    expect(fetch.mock.calls[1]![0]).toBe('/api/jobs?limit=20&cursor=abc');
  });

  it('reports whether an image still exists', async () => {
    const api = createApiClient({
      fetch: async (url) =>
        String(url).endsWith(id)
          ? new Response(null, { status: 200 })
          : jsonResponse(404, { error: { code: 'not_found', message: 'gone' } }),
    });
    expect(await api.imageExists(id)).toBe(true);
    expect(await api.imageExists('b'.repeat(64))).toBe(false);
  });
});
