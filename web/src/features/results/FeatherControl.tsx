import { useEffect, useState } from 'react';
import { errorMessage } from '../../lib/api/ApiError.ts';
import { MAX_FEATHER_PX } from './compositeApi.ts';
import { setFeather } from './resultStore.ts';

/** Feather of the composite's mask edge for a job, 0–32 px; the server re-makes the composite. */
export function FeatherControl({
  jobId,
  featherPx,
  pending,
  error,
}: {
  jobId: string;
  featherPx: number;
  pending: boolean;
  error: Error | null;
}) {
  const [draft, setDraft] = useState(featherPx);
  useEffect(() => setDraft(featherPx), [featherPx]);
  // A drag asks the server once it settles, not at every step.
  useEffect(() => {
    if (draft === featherPx) return;
    const t = setTimeout(() => setFeather(jobId, draft), 250);
    return () => clearTimeout(t);
  }, [draft, featherPx, jobId]);
  return (
    <div className="flex flex-col gap-0.5 text-[11px] text-neutral-400">
      <label className="flex items-center gap-2">
        Feather
        <input
          type="range"
          aria-label="Composite feather (px)"
          min={0}
          max={MAX_FEATHER_PX}
          value={draft}
          onChange={(e) => setDraft(Number(e.target.value))}
          className="min-w-0 flex-1 accent-pink-500"
        />
        <span className="w-10 text-right font-mono tabular-nums text-neutral-200" data-testid="feather-value">
          {draft} px
        </span>
        {pending ? <span className="text-neutral-500">…</span> : null}
      </label>
      {error ? <span className="text-red-300">{errorMessage(error)}</span> : null}
    </div>
  );
}
