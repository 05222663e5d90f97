import type { Job, JobOutput } from '@maskfill/server/contract';
import { useQuery } from '@tanstack/react-query';
import { fetchComposite } from './compositeApi.ts';
import { useResultStore } from './resultStore.ts';

/**
 * An output with its composite at the feather chosen for its job. Until the server has made that one
 * the stored composite stands (`pending`), so the view never goes blank.
 */
export function useFeatheredOutput(job: Job, index: number) {
  const chosen = useResultStore((s) => s.feather[job.id]);
  const out = job.outputs[index];
  const stored = out?.composite;
  const featherPx = chosen ?? stored?.featherPx;
  const differs = stored !== undefined && featherPx !== undefined && featherPx !== stored.featherPx;
  const made = useQuery({
    queryKey: ['jobs', 'composite', job.id, index, featherPx],
    queryFn: () => fetchComposite(job.id, index, featherPx!),
    enabled: differs,
    staleTime: Infinity,
  });
  const composite = differs ? (made.data ?? stored) : stored;
  const output: JobOutput | undefined = out && composite ? { ...out, composite } : out;
  return {
    out: output,
    featherPx,
    /** Set only when the user picked a feather other than the stored one (the ZIP asks for it). */
    chosenPx: differs ? featherPx : undefined,
    pending: differs && made.isPending,
    error: made.error,
  };
}

/** The job with one output replaced (to show a re-made composite through the usual selection). */
export const withOutput = (job: Job, index: number, out: JobOutput): Job => ({
  ...job,
  outputs: job.outputs.map((o, i) => (i === index ? out : o)),
});
