import type { Job } from '@maskfill/server/contract';
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api } from '../lib/api/client.ts';

/** Query keys, generic → specific. Jobs live only under `detail`; the list holds ids. */
export const keys = {
  providers: ['providers'] as const,
  jobs: ['jobs'] as const,
  jobList: ['jobs', 'list'] as const,
  job: (id: string) => ['jobs', 'detail', id] as const,
};

export const providersQuery = () =>
  queryOptions({ queryKey: keys.providers, queryFn: () => api.providers(), staleTime: 30_000 });

export interface JobIds {
  ids: string[];
  nextCursor: string | null;
}

/** Recent jobs: each job is written to its own detail entry, so SSE updates have one place to go. */
export const jobListQuery = (qc: QueryClient) =>
  queryOptions({
    queryKey: keys.jobList,
    queryFn: async (): Promise<JobIds> => {
      const list = await api.listJobs({ limit: 30 });
      for (const job of list.jobs) writeJob(qc, job);
      return { ids: list.jobs.map((j) => j.id), nextCursor: list.nextCursor };
    },
    staleTime: Infinity,
  });

export const jobQuery = (id: string) =>
  queryOptions({ queryKey: keys.job(id), queryFn: () => api.getJob(id), staleTime: Infinity });

/** Writes a job unless the cache already holds a newer revision (frames may race a fetch). */
export function writeJob(qc: QueryClient, job: Job): void {
  qc.setQueryData<Job>(keys.job(job.id), (old) => (old && old.revision > job.revision ? old : job));
}

export function addJob(qc: QueryClient, job: Job): void {
  writeJob(qc, job);
  qc.setQueryData<JobIds>(keys.jobList, (old) => ({
    ids: [job.id, ...(old?.ids ?? []).filter((id) => id !== job.id)],
    nextCursor: old?.nextCursor ?? null,
  }));
}

export function removeJob(qc: QueryClient, id: string): void {
  qc.setQueryData<JobIds>(keys.jobList, (old) => old && { ...old, ids: old.ids.filter((x) => x !== id) });
  qc.removeQueries({ queryKey: keys.job(id) });
}
