import { isTerminal, type Job, type JobStatus, type ProviderInfo } from '@maskfill/server/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEditorState } from '../../canvas/EditorContext.tsx';
import { errorMessage } from '../../lib/api/ApiError.ts';
import { api } from '../../lib/api/client.ts';
import { DownloadIcon } from '../../ui/icons.tsx';
import { LoadBoundary } from '../../ui/LoadBoundary.tsx';
import { lazyView, whenIdle } from '../../ui/lazyView.ts';
import { jobQuery, providersQuery, removeJob, writeJob } from '../queries.ts';
import { resultLabel, resultUrl, useResultStore } from '../results/resultStore.ts';
import { useFeatheredOutput } from '../results/useFeatheredOutput.ts';
import { useResultSelection } from '../results/useResultSelection.ts';
import { useJobEvents } from './useJobEvents.ts';
import { formatDuration, useNow } from './useNow.ts';

// Off the first load, fetched once the browser is idle: most sessions open a result soon after.
const ResultDetails = lazyView(() => import('../results/ResultDetails.tsx'), 'ResultDetails');
whenIdle(ResultDetails.preload);

const STATUS_STYLE: Record<JobStatus, string> = {
  queued: 'bg-sky-500/15 text-sky-300 ring-sky-500/30',
  running: 'bg-amber-500/15 text-amber-200 ring-amber-500/30',
  succeeded: 'bg-emerald-500/15 text-emerald-300 ring-emerald-500/30',
  failed: 'bg-red-500/15 text-red-300 ring-red-500/30',
  cancelled: 'bg-neutral-500/15 text-neutral-300 ring-neutral-500/30',
};

export function JobCard({ id }: { id: string }) {
  const qc = useQueryClient();
  const { data: job, error } = useQuery(jobQuery(id));
  const streamError = useJobEvents(id, job?.status);
  const live = job !== undefined && !isTerminal(job.status);
  const now = useNow(live);
  const cancel = useMutation({ mutationFn: () => api.cancelJob(id), onSuccess: (j) => writeJob(qc, j) });
  const remove = useMutation({ mutationFn: () => api.deleteJob(id), onSuccess: () => removeJob(qc, id) });
  const { data: providers } = useQuery(providersQuery());
  const provider = providers?.providers.find((p) => p.id === job?.provider);

  if (!job) {
    return error ? (
      <li className="rounded-lg border border-neutral-800 p-3 text-xs text-red-300">{errorMessage(error)}</li>
    ) : null;
  }

  const start = Date.parse(job.startedAt ?? job.createdAt);
  const end = job.finishedAt ? Date.parse(job.finishedAt) : now;
  const prompt = job.request.prompt;

  return (
    <li
      aria-label={`Job ${job.status}`}
      data-status={job.status}
      className="group flex flex-col gap-2.5 rounded-lg border border-neutral-800 bg-neutral-900/70 p-3"
    >
      <div className="flex items-center gap-2">
        <span
          role="status"
          className={`rounded-full px-2 py-0.5 text-[11px] font-semibold capitalize ring-1 ring-inset ${STATUS_STYLE[job.status]}`}
        >
          {job.status}
        </span>
        <span className="text-xs text-neutral-400">{job.provider}</span>
        <span className="ml-auto font-mono text-xs tabular-nums text-neutral-500" aria-label="Elapsed time">
          {formatDuration(end - start)}
        </span>
        {live ? (
          <button
            type="button"
            onClick={() => cancel.mutate()}
            disabled={cancel.isPending}
            className="rounded-md border border-neutral-700 px-2 py-0.5 text-xs text-neutral-200 hover:border-red-400/60 hover:text-red-200 disabled:opacity-50"
          >
            Cancel
          </button>
        ) : (
          <button
            type="button"
            aria-label="Remove job"
            title="Remove from history"
            onClick={() => remove.mutate()}
            className="rounded px-1 text-neutral-600 opacity-0 transition group-hover:opacity-100 hover:text-neutral-300 focus:opacity-100"
          >
            ×
          </button>
        )}
      </div>

      {prompt ? <p className="line-clamp-2 text-xs text-neutral-300">{prompt}</p> : null}

      {job.status === 'queued' ? (
        <p className="text-xs text-neutral-400">
          {job.queuePosition !== undefined
            ? `In queue, position ${job.queuePosition + 1}`
            : 'Waiting to start…'}
        </p>
      ) : null}
      {job.status === 'running' ? <Progress value={job.progress} /> : null}
      {live && provider?.supports.cancel === 'before_start' ? (
        <p className="text-[11px] text-neutral-500">
          {provider.label} can cancel only requests that have not started; once running, a request finishes
          upstream (and is billed) even if you cancel it here.
        </p>
      ) : null}
      {live && provider?.supports.cancel === 'never' ? (
        <p className="text-[11px] text-neutral-500">{provider.label} cannot cancel requests upstream.</p>
      ) : null}
      {job.error ? <p className="text-xs text-red-300">{job.error.message}</p> : null}
      {streamError ? <p className="text-xs text-amber-300">{streamError}</p> : null}
      {cancel.isError ? <p className="text-xs text-red-300">{errorMessage(cancel.error)}</p> : null}
      {job.notes?.length ? <Notes notes={job.notes} /> : null}
      {job.outputs.length > 0 ? <Results job={job} provider={provider} /> : null}
    </li>
  );
}

function Progress({ value }: { value: number | undefined }) {
  const pct = value === undefined ? undefined : Math.round(value * 100);
  return (
    <div className="flex items-center gap-2">
      <div
        role="progressbar"
        aria-label="Progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-1.5 flex-1 overflow-hidden rounded-full bg-neutral-800"
      >
        <div
          className={`h-full rounded-full bg-gradient-to-r from-pink-500 to-fuchsia-500 transition-[width] duration-300 ${pct === undefined ? 'w-1/3 animate-pulse' : ''}`}
          style={pct === undefined ? undefined : { width: `${pct}%` }}
        />
      </div>
      <span className="w-9 text-right font-mono text-[11px] tabular-nums text-neutral-400">
        {pct === undefined ? '' : `${pct}%`}
      </span>
    </div>
  );
}

function Results({ job, provider }: { job: Job; provider?: ProviderInfo }) {
  const { show, hide } = useResultSelection();
  const previewUrl = useEditorState((s) => s.preview?.url);
  const selected = useResultStore((s) =>
    s.selected?.job.id === job.id && previewUrl ? s.selected.index : null,
  );
  return (
    <div className="flex flex-col gap-2">
      <div className="grid grid-cols-4 gap-1.5">
        {job.outputs.map((out, i) => (
          <ResultThumb
            key={out.imageId + i}
            job={job}
            index={i}
            active={selected === i}
            onToggle={() => (selected === i ? hide() : show(job, i))}
          />
        ))}
      </div>
      {selected !== null ? (
        <LoadBoundary
          name="the result details"
          fallback={<p className="text-xs text-neutral-500">Loading result details…</p>}
        >
          <ResultDetails job={job} index={selected} provider={provider} />
        </LoadBoundary>
      ) : null}
    </div>
  );
}

/** One result's thumbnail and download, at the feather chosen for its job (what "View" shows). */
function ResultThumb(props: { job: Job; index: number; active: boolean; onToggle: () => void }) {
  const { job, index: i, active, onToggle } = props;
  const { out } = useFeatheredOutput(job, i);
  if (!out) return null;
  const label = resultLabel(i, out);
  const thumb = resultUrl(out, 'composite');
  return (
    <figure className="group/thumb relative" title={`Seed ${out.seed} · ${out.width} × ${out.height}`}>
      <button
        type="button"
        aria-label={`View ${label}`}
        aria-pressed={active}
        onClick={onToggle}
        className={`block w-full overflow-hidden rounded-md bg-neutral-950 ring-2 transition ${active ? 'ring-pink-500' : 'ring-transparent hover:ring-neutral-600'}`}
      >
        <img src={thumb} alt={label} className="aspect-square w-full object-cover" loading="lazy" />
        {out.nsfw ? (
          <span className="absolute inset-x-0 bottom-0 bg-red-900/80 py-0.5 text-[10px] text-red-100">
            Flagged (NSFW)
          </span>
        ) : null}
      </button>
      <a
        href={thumb}
        download={`maskfill-${job.id}-${i + 1}.png`}
        aria-label={`Download result ${i + 1}`}
        className="absolute top-1 right-1 rounded bg-neutral-950/80 p-0.5 text-neutral-200 opacity-0 transition group-hover/thumb:opacity-100 hover:text-pink-300 focus:opacity-100"
      >
        <DownloadIcon />
      </a>
    </figure>
  );
}

/** What the server did for the user (e.g. Firefly's 600 px scaling) and upstream logs; long logs fold. */
function Notes({ notes }: { notes: string[] }) {
  return (
    <details className="text-[11px] text-neutral-400" open={notes.length <= 3}>
      <summary className="cursor-pointer select-none text-neutral-500">
        {notes.length === 1 ? '1 note' : `${notes.length} notes`}
      </summary>
      <ul className="mt-1 flex max-h-40 flex-col gap-0.5 overflow-y-auto font-mono text-[10px] text-neutral-400">
        {notes.map((n, i) => (
          <li key={i} className="break-words">
            {n}
          </li>
        ))}
      </ul>
    </details>
  );
}
