import type { Job, JobOutput } from '@maskfill/server/contract';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { jobListQuery, jobQuery } from '../queries.ts';
import { resultLabel, resultUrl, useResultStore } from './resultStore.ts';

interface Candidate {
  key: string;
  url: string;
  label: string;
}

/** Only results of the same shape line up over the source. */
const sameAspect = (a: JobOutput, b: JobOutput) =>
  Math.abs(a.width / a.height - b.width / b.height) / (a.width / a.height) < 0.01;

const jobLabel = (j: Job) => {
  const prompt = j.request.prompt?.trim();
  const at = new Date(j.createdAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return `${j.provider}${prompt ? ` “${prompt.length > 24 ? `${prompt.slice(0, 23)}…` : prompt}”` : ''} ${at}`;
};

/**
 * Picks what the left of the before/after split shows: the source, another result of this job, or a
 * result of another recent job of the same shape (jobs already in the list cache; nothing is fetched).
 */
export function CompareWith({ job, index }: { job: Job; index: number }) {
  const qc = useQueryClient();
  const list = useQuery(jobListQuery(qc));
  const against = useResultStore((s) => s.against);
  const others = useQueries({
    queries: (list.data?.ids ?? []).filter((id) => id !== job.id).map((id) => jobQuery(id)),
  });
  const out = job.outputs[index];
  if (!out) return null;
  const candidate = (j: Job, i: number, o: JobOutput, label: string): Candidate => ({
    key: `${j.id}:${i}`,
    url: resultUrl(o, 'composite'),
    label,
  });
  const here = job.outputs
    .map((o, i) => ({ o, i }))
    .filter(({ i }) => i !== index)
    .map(({ o, i }) => candidate(job, i, o, resultLabel(i, o)));
  const elsewhere = others
    .map((q) => q.data)
    .filter((j): j is Job => j?.status === 'succeeded')
    .flatMap((j) =>
      j.outputs
        .map((o, i) => ({ o, i }))
        .filter(({ o }) => sameAspect(o, out))
        .map(({ o, i }) => candidate(j, i, o, `${jobLabel(j)} · ${resultLabel(i, o)}`)),
    );
  const all = [...here, ...elsewhere];
  if (all.length === 0) return null;
  const value = against ? (all.find((c) => c.url === against.url)?.key ?? '') : '';
  return (
    <select
      aria-label="Compare side by side with"
      title={all.find((c) => c.key === value)?.label ?? 'Compare with source'}
      value={value}
      onChange={(e) => {
        const c = all.find((x) => x.key === e.target.value);
        useResultStore.setState(
          c ? { against: { url: c.url, label: c.label }, split: 0.5 } : { against: null },
        );
      }}
      className="max-w-full rounded-md border border-neutral-700 bg-neutral-900 px-1.5 py-1 text-[11px] text-neutral-200"
    >
      {/* The select's name says "side by side"; options stay short so the sidebar shows them whole. */}
      <option value="">Compare with source</option>
      {here.length > 0 ? (
        <optgroup label="This job">
          {here.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
        </optgroup>
      ) : null}
      {elsewhere.length > 0 ? (
        <optgroup label="Other jobs">
          {elsewhere.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
        </optgroup>
      ) : null}
    </select>
  );
}
