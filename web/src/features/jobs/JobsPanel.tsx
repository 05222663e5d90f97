import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { errorMessage } from '../../lib/api/ApiError.ts';
import { jobListQuery } from '../queries.ts';
import { JobCard } from './JobCard.tsx';

/** Recent jobs from the server (they survive reloads), newest first, each following its own stream. */
export function JobsPanel() {
  const qc = useQueryClient();
  const list = useQuery(jobListQuery(qc));
  const ids = list.data?.ids ?? [];
  const newest = ids[0];
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
    </section>
  );
}
