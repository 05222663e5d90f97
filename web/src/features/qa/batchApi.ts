import {
  Batch,
  BatchList,
  ErrorBody,
  ProviderLimits,
  type BatchRequest,
  type MarkRequest,
} from '@maskfill/server/contract';
import type { z } from 'zod';
import { ApiError } from '../../lib/api/ApiError.ts';

async function request<S extends z.ZodType>(
  schema: S,
  path: string,
  init?: RequestInit,
): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'network_error', 'Cannot reach the maskfill server. Is it running?');
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const err = ErrorBody.safeParse(body);
    if (err.success) throw new ApiError(res.status, err.data.error.code, err.data.error.message);
    throw new ApiError(res.status, 'http_error', `The server answered ${res.status}.`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError(res.status, 'bad_response', `Unexpected response from ${path}.`);
  return parsed.data;
}

const sendJson = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

/** DESIGN.md §2 additions for QA batches. */
export const batchApi = {
  list: () => request(BatchList, '/api/batches'),
  get: (id: string) => request(Batch, `/api/batches/${encodeURIComponent(id)}`),
  create: (req: BatchRequest) => request(Batch, '/api/batches', sendJson('POST', req)),
  rerun: (id: string) => request(Batch, `/api/batches/${encodeURIComponent(id)}/rerun`, { method: 'POST' }),
  mark: (id: string, cellId: string, mark: MarkRequest) =>
    request(Batch, `/api/batches/${encodeURIComponent(id)}/cells/${cellId}/mark`, sendJson('PUT', mark)),
  limits: () => request(ProviderLimits, '/api/batches/limits'),
};
