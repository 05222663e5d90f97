import type { BatchCell } from '@maskfill/server/contract';
import { useState } from 'react';
import type { View } from './useLinkedView.ts';

interface Props {
  cell: BatchCell;
  earlier: BatchCell | undefined;
  view: View;
  handlers: Record<string, (e: never) => void>;
  aspect: number;
  onMark: (mark: BatchCell['mark'], note: string) => void;
}

/** One result in the grid: the image under the shared zoom/pan, its state, and pass/fail with a note. */
export function QaCell({ cell, earlier, view, handlers, aspect, onMark }: Props) {
  const [note, setNote] = useState(cell.note);
  const [noteFor, setNoteFor] = useState(cell.note);
  if (cell.note !== noteFor) {
    // The server's note changed (another tab, a reload): show it.
    setNoteFor(cell.note);
    setNote(cell.note);
  }
  const job = cell.job;
  const status = job?.status ?? 'deleted';
  const out = job?.outputs[0];
  const border =
    cell.mark === 'pass'
      ? 'border-emerald-500'
      : cell.mark === 'fail'
        ? 'border-red-500'
        : 'border-neutral-800';
  const toggle = (mark: 'pass' | 'fail') => onMark(cell.mark === mark ? null : mark, note);

  return (
    <figure
      data-testid="qa-cell"
      data-cell={cell.id}
      data-status={status}
      data-mark={cell.mark ?? ''}
      className={`m-0 flex flex-col gap-1.5 rounded-lg border-2 ${border} bg-neutral-900 p-1.5`}
    >
      <div className="flex gap-1">
        <Pane
          url={out?.url}
          view={view}
          handlers={handlers}
          aspect={aspect}
          label={`${cell.prompt} · seed ${cell.seed}`}
        >
          {status === 'queued' ? (
            <Overlay>Queued{job?.queuePosition ? ` · ${job.queuePosition} ahead` : ''}</Overlay>
          ) : status === 'running' ? (
            <Overlay>
              Running{job?.progress !== undefined ? ` · ${Math.round(job.progress * 100)}%` : '…'}
            </Overlay>
          ) : status === 'failed' || status === 'cancelled' ? (
            <Overlay tone="error">{job?.error?.message ?? status}</Overlay>
          ) : status === 'deleted' ? (
            <Overlay tone="error">Job deleted from history</Overlay>
          ) : out?.nsfw ? (
            <Overlay tone="error">Flagged by the provider’s safety filter</Overlay>
          ) : null}
        </Pane>
        {earlier ? (
          <Pane
            url={earlier.job?.outputs[0]?.url}
            view={view}
            handlers={handlers}
            aspect={aspect}
            label="earlier run"
            badge={`earlier${earlier.mark ? ` · ${earlier.mark}` : ''}`}
          />
        ) : null}
      </div>
      <figcaption className="flex items-center gap-1.5 text-xs">
        <button
          type="button"
          aria-pressed={cell.mark === 'pass'}
          onClick={() => toggle('pass')}
          className={`rounded px-2 py-0.5 font-semibold ${cell.mark === 'pass' ? 'bg-emerald-600 text-white' : 'bg-neutral-800 text-neutral-300 hover:bg-neutral-700'}`}
        >
          Pass
        </button>
        <button
          type="button"
          aria-pressed={cell.mark === 'fail'}
          onClick={() => toggle('fail')}
          className={`rounded px-2 py-0.5 font-semibold ${cell.mark === 'fail' ? 'bg-red-600 text-white' : 'bg-neutral-800 text-neutral-300 hover:bg-neutral-700'}`}
        >
          Fail
        </button>
        <input
          aria-label={`Note for ${cell.id}`}
          placeholder="Note"
          value={note}
          maxLength={2000}
          onChange={(e) => setNote(e.target.value)}
          onBlur={() => note !== cell.note && onMark(cell.mark, note)}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
          className="min-w-0 flex-1 rounded border border-neutral-800 bg-neutral-950 px-1.5 py-0.5 text-neutral-200 outline-none focus:border-pink-500/70"
        />
        {job?.startedAt && job.finishedAt ? (
          <span className="tabular-nums text-neutral-500">
            {((new Date(job.finishedAt).getTime() - new Date(job.startedAt).getTime()) / 1000).toFixed(1)} s
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
}

function Pane({
  url,
  view,
  handlers,
  aspect,
  label,
  badge,
  children,
}: {
  url: string | undefined;
  view: View;
  handlers: Record<string, (e: never) => void>;
  aspect: number;
  label: string;
  badge?: string;
  children?: React.ReactNode;
}) {
  return (
    <div
      {...handlers}
      data-pane
      className="relative flex-1 cursor-grab touch-none overflow-hidden rounded bg-neutral-950 active:cursor-grabbing"
      style={{ aspectRatio: String(aspect) }}
    >
      {url ? (
        <img
          src={url}
          alt={label}
          draggable={false}
          className="absolute left-0 top-0 h-full w-full select-none"
          style={{
            transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})`,
            transformOrigin: '0 0',
          }}
        />
      ) : null}
      {badge ? (
        <span className="absolute left-1 top-1 rounded bg-black/70 px-1.5 py-px text-[10px] text-neutral-200">
          {badge}
        </span>
      ) : null}
      {children}
    </div>
  );
}

function Overlay({ children, tone }: { children: React.ReactNode; tone?: 'error' }) {
  return (
    <div
      className={`absolute inset-0 flex items-center justify-center p-2 text-center text-xs ${tone === 'error' ? 'text-red-300' : 'animate-pulse text-neutral-400'}`}
    >
      {children}
    </div>
  );
}
