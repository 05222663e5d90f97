import {
  Batch,
  BatchList,
  ProviderLimits,
  type BatchRequest,
  type MarkRequest,
} from '@maskfill/server/contract';
import { api } from '../../lib/api/client.ts';

const request = api.request;

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
