import { JobStatus, ProviderId, type Job } from '@maskfill/server/contract';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../lib/api/ApiError.ts';
import { addJob, removeJob } from '../queries.ts';
import { resultUrl } from '../results/resultStore.ts';
import { useResultSelection } from '../results/useResultSelection.ts';
import { deleteJobs, fetchHistory, type HistoryFilter } from './historyApi.ts';

const field =
  'rounded-md border border-neutral-700 bg-neutral-900 px-2 py-1 text-xs text-neutral-200 focus:border-pink-500 focus:outline-none';

/** Every job on the server, filtered and paged there, shared by tabs. Loaded when first opened. */
export function HistoryDialog({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const [filter, setFilter] = useState<HistoryFilter>({});
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const { show } = useResultSelection();
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    ref.current?.showModal?.();
  }, []);
  // Search as you type, without a request per keystroke.
  useEffect(() => {
    const t = setTimeout(() => setFilter((f) => ({ ...f, q: search || undefined })), 250);
    return () => clearTimeout(t);
  }, [search]);

  const history = useInfiniteQuery({
    queryKey: ['jobs', 'history', filter],
    queryFn: ({ pageParam }) => fetchHistory(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const jobs = history.data?.pages.flatMap((p) => p.jobs) ?? [];
  const remove = useMutation({
    mutationFn: (ids: string[]) => deleteJobs(ids),
    onSuccess: ({ deleted }) => {
      for (const id of deleted) removeJob(qc, id);
      setPicked(new Set());
      void qc.invalidateQueries({ queryKey: ['jobs', 'history'] });
    },
  });

  const toggle = (id: string) =>
    setPicked((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const open = (job: Job) => {
    addJob(qc, job);
    if (job.outputs.length > 0) show(job, 0);
    onClose();
  };

  return (
    <dialog
      ref={ref}
      aria-label="History"
      onClose={onClose}
      className="m-auto flex h-[80vh] w-[min(960px,92vw)] flex-col gap-3 rounded-xl border border-neutral-700 bg-neutral-900 p-4 text-neutral-200 shadow-2xl backdrop:bg-black/60"
    >
      <div className="flex items-center gap-2">
        <h2 className="text-sm font-semibold">History</h2>
        <input
          type="search"
          aria-label="Search prompts"
          placeholder="Search prompts…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className={`${field} ml-4 w-64`}
        />
        <select
          aria-label="Filter by provider"
          value={filter.provider ?? ''}
          onChange={(e) => setFilter((f) => ({ ...f, provider: ProviderId.safeParse(e.target.value).data }))}
          className={field}
        >
          <option value="">All providers</option>
          {ProviderId.options.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <select
          aria-label="Filter by status"
          value={filter.status ?? ''}
          onChange={(e) => setFilter((f) => ({ ...f, status: JobStatus.safeParse(e.target.value).data }))}
          className={field}
        >
          <option value="">Any status</option>
          {JobStatus.options.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={picked.size === 0 || remove.isPending}
          onClick={() => remove.mutate([...picked])}
          className="ml-auto rounded-md border border-red-500/40 px-2.5 py-1 text-xs text-red-200 hover:bg-red-950 disabled:opacity-40"
        >
          Delete selected{picked.size ? ` (${picked.size})` : ''}
        </button>
        <button
          type="button"
          aria-label="Close history"
          onClick={onClose}
          className="px-2 text-lg text-neutral-400 hover:text-white"
        >
          ×
        </button>
      </div>
      {remove.isError ? <p className="text-xs text-red-300">{errorMessage(remove.error)}</p> : null}
      {history.isError ? <p className="text-xs text-red-300">{errorMessage(history.error)}</p> : null}
      <div className="min-h-0 flex-1 overflow-y-auto">
        {history.isSuccess && jobs.length === 0 ? (
          <p className="py-10 text-center text-xs text-neutral-500">No jobs match.</p>
        ) : null}
        <table className="w-full text-left text-xs">
          <thead className="sticky top-0 bg-neutral-900 text-[11px] text-neutral-500">
            <tr>
              <th className="w-8 py-1">
                <input
                  type="checkbox"
                  aria-label="Select all shown"
                  checked={jobs.length > 0 && jobs.every((j) => picked.has(j.id))}
                  onChange={(e) => setPicked(e.target.checked ? new Set(jobs.map((j) => j.id)) : new Set())}
                />
              </th>
              <th className="w-14">Result</th>
              <th>Prompt</th>
              <th>Provider</th>
              <th>Status</th>
              <th>Time</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => {
              const out = job.outputs[0];
              return (
                <tr
                  key={job.id}
                  data-job-id={job.id}
                  className="border-t border-neutral-800 hover:bg-neutral-800/50"
                >
                  <td className="py-1.5">
                    <input
                      type="checkbox"
                      aria-label={`Select job ${job.request.prompt ?? job.id}`}
                      checked={picked.has(job.id)}
                      onChange={() => toggle(job.id)}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => open(job)}
                      aria-label={`Open job ${job.request.prompt ?? job.id}`}
                    >
                      {out ? (
                        <img
                          src={resultUrl(out, 'composite')}
                          alt=""
                          loading="lazy"
                          className="size-10 rounded object-cover"
                        />
                      ) : (
                        <span className="block size-10 rounded bg-neutral-800" />
                      )}
                    </button>
                  </td>
                  <td className="max-w-md truncate text-neutral-300" title={job.request.prompt}>
                    {job.request.prompt || <span className="text-neutral-600">(no prompt)</span>}
                  </td>
                  <td>{job.provider}</td>
                  <td className="capitalize">{job.status}</td>
                  <td className="whitespace-nowrap text-neutral-400">
                    <time dateTime={job.createdAt}>{new Date(job.createdAt).toLocaleString()}</time>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {history.hasNextPage ? (
          <button
            type="button"
            onClick={() => void history.fetchNextPage()}
            disabled={history.isFetchingNextPage}
            className="mt-2 w-full rounded-md border border-neutral-800 py-1.5 text-xs text-neutral-400 hover:border-neutral-600"
          >
            {history.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        ) : null}
      </div>
    </dialog>
  );
}
