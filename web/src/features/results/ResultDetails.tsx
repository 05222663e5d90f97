import type { Job, ProviderInfo } from '@maskfill/server/contract';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useEditor } from '../../canvas/EditorContext.tsx';
import { errorMessage } from '../../lib/api/ApiError.ts';
import { resultTabName } from '../tabs/tabNames.ts';
import { workspaceOf } from '../tabs/workspace.ts';
import { zipUrl } from './compositeApi.ts';
import { CompareWith } from './CompareWith.tsx';
import { saveAs, toJpeg } from './download.ts';
import { FeatherControl } from './FeatherControl.tsx';
import { reproduceCurl } from './reproduce.ts';
import { resetResultView, resultUrl, useResultStore, type ResultView } from './resultStore.ts';
import { useFeatheredOutput, withOutput } from './useFeatheredOutput.ts';
import { useResultSelection } from './useResultSelection.ts';

const VIEWS: { id: ResultView; label: string; title: string }[] = [
  { id: 'composite', label: 'Composite', title: 'Kept original outside the mask' },
  { id: 'raw', label: 'Raw', title: 'The provider’s output as returned' },
  { id: 'leak', label: 'Leak', title: 'Where the raw output changed pixels outside the mask' },
];

const btn =
  'rounded-md border border-neutral-700 px-2 py-1 text-[11px] text-neutral-200 hover:border-neutral-500 hover:bg-neutral-800 disabled:opacity-40';

/** The selected result of a job: views, compare, use as source, downloads and how to reproduce it. */
export function ResultDetails({
  job,
  index,
  provider,
}: {
  job: Job;
  index: number;
  provider?: ProviderInfo;
}) {
  const editor = useEditor();
  const { show } = useResultSelection();
  const view = useResultStore((s) => s.view);
  const selected = useResultStore((s) => s.selected);
  const [copied, setCopied] = useState(false);
  const feathered = useFeatheredOutput(job, index);
  const out = feathered.out;
  const compositeUrl = out?.composite?.url;
  const isShown = selected?.job.id === job.id && selected.index === index;
  // A re-made composite replaces the one on the canvas once it arrives.
  useEffect(() => {
    if (!isShown || !out || view !== 'composite') return;
    if (useResultStore.getState().selected?.job.outputs[index]?.composite?.url === compositeUrl) return;
    show(withOutput(job, index, out), index, view);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the composite's url
  }, [compositeUrl, isShown, view]);
  const jpeg = useMutation({
    mutationFn: async () =>
      saveAs(await toJpeg(resultUrl(out!, view === 'raw' ? 'raw' : 'composite')), `${base}.jpg`),
  });
  if (!out) return null;
  const base = `maskfill-${job.id.slice(0, 8)}-${index + 1}-seed-${out.seed}`;
  const shownUrl = resultUrl(out, view === 'raw' ? 'raw' : 'composite');
  const curl = reproduceCurl(window.location.origin, job, out);

  return (
    <div
      className="flex flex-col gap-2 rounded-md border border-neutral-800 bg-neutral-950/60 p-2"
      aria-label="Result details"
    >
      <div role="radiogroup" aria-label="Result view" className="flex gap-1">
        {VIEWS.map((v) => {
          const disabled = (v.id === 'composite' && !out.composite) || (v.id === 'leak' && !out.leak);
          return (
            <button
              key={v.id}
              type="button"
              role="radio"
              aria-checked={view === v.id}
              title={v.title}
              disabled={disabled}
              onClick={() => show(withOutput(job, index, out), index, v.id)}
              className={`flex-1 rounded px-2 py-0.5 text-[11px] ${view === v.id ? 'bg-pink-600 text-white' : 'bg-neutral-800 text-neutral-300 hover:bg-neutral-700'} disabled:opacity-40`}
            >
              {v.label}
            </button>
          );
        })}
      </div>
      {out.leak ? (
        <p className="text-[11px] text-neutral-400" data-testid="leak-figure">
          Leak: <span className="font-mono text-neutral-200">{formatPct(out.leak.changedFraction)}</span> of
          pixels outside the mask changed by more than {out.leak.threshold}/255 in the raw output
          {out.composite ? ' (the composite keeps them as they were)' : ''}.
        </p>
      ) : (
        <p className="text-[11px] text-neutral-500">
          No composite: the output’s shape differs from the source, so it is shown as returned.
        </p>
      )}
      {out.composite && feathered.featherPx !== undefined ? (
        <FeatherControl
          jobId={job.id}
          featherPx={feathered.featherPx}
          pending={feathered.pending}
          error={feathered.error}
        />
      ) : null}
      {out.nsfw ? (
        <p role="alert" className="rounded bg-red-950/80 px-2 py-1 text-[11px] text-red-200">
          {job.provider === 'fal' ? 'fal’s' : 'The provider’s'} safety checker flagged this image; it may have
          been returned blacked out. Try another prompt or seed.
        </p>
      ) : null}

      <div className="flex flex-wrap gap-1.5">
        <button
          type="button"
          className={btn}
          onClick={() => {
            const id = view !== 'raw' && out.composite ? out.composite.imageId : out.imageId;
            const tabs = workspaceOf(editor)?.state.tabs ?? [];
            const name = resultTabName(tabs, job.request.imageId, job.provider);
            editor.loadImage({ id, width: out.width, height: out.height, url: shownUrl, name });
            resetResultView();
          }}
        >
          Use as new source
        </button>
        <CompareWith job={job} index={index} />
      </div>

      <div className="flex flex-wrap items-center gap-1.5 text-[11px] text-neutral-400">
        Download
        <button type="button" className={btn} onClick={() => saveAs(shownUrl, `${base}.png`)}>
          PNG
        </button>
        <button type="button" className={btn} disabled={jpeg.isPending} onClick={() => jpeg.mutate()}>
          JPEG
        </button>
        <button
          type="button"
          className={btn}
          onClick={() =>
            saveAs(`/api/images/${job.request.maskId}`, `maskfill-${job.id.slice(0, 8)}-mask.png`)
          }
        >
          Mask
        </button>
        <button
          type="button"
          className={btn}
          onClick={() => saveAs(zipUrl(job.id, feathered.chosenPx), `maskfill-${job.id}.zip`)}
        >
          Job ZIP
        </button>
      </div>
      {jpeg.isError ? <p className="text-[11px] text-red-300">{errorMessage(jpeg.error)}</p> : null}

      <details className="text-[11px] text-neutral-400">
        <summary className="cursor-pointer select-none text-neutral-300">Reproduce</summary>
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
          <dt>Provider</dt>
          <dd className="text-neutral-200">{provider?.label ?? job.provider}</dd>
          <dt>Seed</dt>
          <dd className="font-mono text-neutral-200">{out.seed}</dd>
          <dt>Size</dt>
          <dd className="font-mono text-neutral-200">
            {out.width} × {out.height}
          </dd>
          <dt>Prompt</dt>
          <dd className="text-neutral-200">{job.request.prompt || '—'}</dd>
        </dl>
        <pre className="mt-1.5 max-h-24 overflow-auto whitespace-pre-wrap break-all rounded bg-neutral-900 p-1.5 font-mono text-[10px] text-neutral-300">
          {curl}
        </pre>
        <button
          type="button"
          className={`${btn} mt-1`}
          onClick={() =>
            void navigator.clipboard.writeText(curl).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            })
          }
        >
          {copied ? 'Copied' : 'Copy curl'}
        </button>
      </details>
    </div>
  );
}

export const formatPct = (f: number) => `${(f * 100).toFixed(f > 0 && f < 0.001 ? 3 : 1)} %`;
