import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { errorMessage } from '../../lib/api/ApiError.ts';
import { api } from '../../lib/api/client.ts';
import { jobListQuery, keys, writeJob, type JobIds } from '../queries.ts';
import { JobCard } from './JobCard.tsx';

/** Recent jobs from the server (they survive reloads), newest first, each following its own stream. */
export function JobsPanel() {
  const qc = useQueryClient();
  const list = useQuery(jobListQuery(qc));
  const ids = list.data?.ids ?? [];
  const newest = ids[0];
  const older = useMutation({
    mutationFn: (cursor: string) => api.listJobs({ limit: 30, cursor }),
    onSuccess: (page) => {
      for (const job of page.jobs) writeJob(qc, job);
      qc.setQueryData<JobIds>(keys.jobList, (old) => ({
        ids: [...(old?.ids ?? []), ...page.jobs.map((j) => j.id).filter((id) => !old?.ids.includes(id))],
        nextCursor: page.nextCursor,
      }));
    },
  });
  const cursor = list.data?.nextCursor;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const seen = useRef<string | undefined>(undefined);
  // Bring a newly submitted job into view (not the list as first loaded).
  useEffect(() => {
    if (seen.current !== undefined && newest !== seen.current) {
      headingRef.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
    }
    if (list.isSuccess) seen.current = newest ?? '';
  }, [newest, list.isSuccess]);
  return (
    <section aria-labelledby="jobs-heading" className="flex flex-col gap-3">
      <h2
        ref={headingRef}
        id="jobs-heading"
        className="text-[11px] font-semibold uppercase tracking-wider text-neutral-400"
      >
        Jobs
      </h2>
      {list.isError ? (
        <p className="text-xs text-red-300">Could not load jobs: {errorMessage(list.error)}</p>
      ) : null}
      {list.isSuccess && ids.length === 0 ? (
        <p className="rounded-lg border border-dashed border-neutral-800 px-3 py-6 text-center text-xs text-neutral-500">
          Paint a mask and press Generate — results appear here.
        </p>
      ) : null}
      <ul className="flex flex-col gap-2.5">
        {ids.map((id) => (
          <JobCard key={id} id={id} />
        ))}
      </ul>
      {cursor ? (
        <button
          type="button"
          onClick={() => older.mutate(cursor)}
          disabled={older.isPending}
          className="rounded-md border border-neutral-800 py-1.5 text-xs text-neutral-400 hover:border-neutral-600 hover:text-neutral-200 disabled:opacity-50"
        >
          {older.isPending ? 'Loading…' : 'Show older jobs'}
        </button>
      ) : null}
      {older.isError ? <p className="text-xs text-red-300">{errorMessage(older.error)}</p> : null}
    </section>
  );
}
