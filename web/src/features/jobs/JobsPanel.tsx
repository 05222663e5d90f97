import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../lib/api/ApiError.ts';
import { jobListQuery } from '../queries.ts';
import { JobCard } from './JobCard.tsx';

/** Recent jobs from the server (they survive reloads), newest first, each following its own stream. */
export function JobsPanel() {
  const qc = useQueryClient();
  const list = useQuery(jobListQuery(qc));
  const ids = list.data?.ids ?? [];
  return (
    <section aria-labelledby="jobs-heading" className="flex flex-col gap-3">
      <h2 id="jobs-heading" className="text-[11px] font-semibold uppercase tracking-wider text-neutral-400">
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
