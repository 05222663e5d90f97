import { JobList, type JobStatus, type ProviderId } from '@maskfill/server/contract';
import { z } from 'zod';
import { ApiError } from '../../lib/api/ApiError.ts';

export interface HistoryFilter {
  provider?: ProviderId;
  status?: JobStatus;
  q?: string;
}

const Deleted = z.object({ deleted: z.array(z.string()), notFound: z.array(z.string()) });

async function fail(res: Response): Promise<never> {
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  throw new ApiError(
    res.status,
    body?.error?.code ?? 'http_error',
    body?.error?.message ?? `HTTP ${res.status}`,
  );
}

/** One page of server-side history (GET /api/jobs with filters). */
export async function fetchHistory(filter: HistoryFilter, cursor?: string, limit = 40): Promise<JobList> {
  const q = new URLSearchParams({ limit: String(limit) });
  if (filter.provider) q.set('provider', filter.provider);
  if (filter.status) q.set('status', filter.status);
  if (filter.q?.trim()) q.set('q', filter.q.trim());
  if (cursor) q.set('cursor', cursor);
  const res = await fetch(`/api/jobs?${q}`);
  if (!res.ok) return fail(res);
  return JobList.parse(await res.json());
}

export async function deleteJobs(ids: string[]): Promise<z.infer<typeof Deleted>> {
  const res = await fetch('/api/jobs/delete', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ids }),
  });
  if (!res.ok) return fail(res);
  return Deleted.parse(await res.json());
}
