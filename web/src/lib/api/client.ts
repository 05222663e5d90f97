import {
  ErrorBody,
  ImageInfo,
  Job,
  JobList,
  ProviderList,
  type FillRequest,
} from '@maskfill/server/contract';
import type { z } from 'zod';
import { ApiError } from './ApiError.ts';

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
}

/** A typed client for DESIGN.md §2: every response is parsed with the contract schemas. */
export function createApiClient({
  baseUrl = '',
  fetch: fetchImpl = (...a) => fetch(...a),
}: ApiClientOptions = {}) {
  async function send(path: string, init?: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await fetchImpl(baseUrl + path, init);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError(0, 'network_error', 'Cannot reach the maskfill server. Is it running?');
    }
    if (!res.ok) throw await toApiError(res);
    return res;
  }

  async function json<S extends z.ZodType>(schema: S, path: string, init?: RequestInit): Promise<z.infer<S>> {
    const res = await send(path, init);
    const parsed = schema.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) throw new ApiError(res.status, 'bad_response', `Unexpected response from ${path}.`);
    return parsed.data;
  }

  const postJson = (body: unknown): RequestInit => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

  return {
    /** Any route whose answer a contract schema describes (feature APIs build on it). */
    request: json,
    providers: () => json(ProviderList, '/api/providers'),
    /** Uploads raw image bytes; the server sniffs the real type, Content-Type is a hint. */
    uploadImage: (blob: Blob, signal?: AbortSignal) =>
      json(ImageInfo, '/api/images', {
        method: 'POST',
        headers: { 'Content-Type': blob.type || 'application/octet-stream' },
        body: blob,
        signal,
      }),
    imageExists: async (id: string): Promise<boolean> => {
      try {
        await send(`/api/images/${encodeURIComponent(id)}`, { method: 'HEAD' });
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return false;
        throw e;
      }
    },
    createFill: (req: FillRequest) => json(Job, '/api/fills', postJson(req)),
    listJobs: ({ limit, cursor }: { limit?: number; cursor?: string } = {}) => {
      const q = new URLSearchParams();
      if (limit) q.set('limit', String(limit));
      if (cursor) q.set('cursor', cursor);
      return json(JobList, `/api/jobs${q.size ? `?${q}` : ''}`);
    },
    getJob: (id: string) => json(Job, `/api/jobs/${encodeURIComponent(id)}`),
    cancelJob: (id: string) => json(Job, `/api/jobs/${encodeURIComponent(id)}/cancel`, { method: 'POST' }),
    deleteJob: async (id: string) => {
      await send(`/api/jobs/${encodeURIComponent(id)}`, { method: 'DELETE' });
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

async function toApiError(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  try {
    const body = ErrorBody.parse(JSON.parse(text));
    return new ApiError(res.status, body.error.code, body.error.message, body.error.details);
  } catch {
    const reason =
      res.status === 413 ? 'The file is too large.' : `The server answered ${res.status} ${res.statusText}.`;
    return new ApiError(res.status, 'http_error', reason.trim());
  }
}

export const api = createApiClient();
