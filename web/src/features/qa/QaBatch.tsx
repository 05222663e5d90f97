import { isTerminal, type Batch, type BatchCell, type ProviderInfo } from '@maskfill/server/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../lib/api/ApiError.ts';
import { batchApi } from './batchApi.ts';
import { exportBatch, type ExportKind } from './download.ts';
import { QaCell } from './QaCell.tsx';
import { useLinkedView } from './useLinkedView.ts';

import { mergeBatch } from './batchEvents.ts';
import { batchKey, isLive, useBatchEvents } from './useBatchEvents.ts';

export { batchKey };

/** A batch as a grid: rows are prompts, columns provider × seed; it fills in live over SSE. */
export function QaBatch({
  id,
  providers,
  onOpen,
}: {
  id: string;
  providers: ProviderInfo[];
  onOpen: (id: string) => void;
}) {
  const qc = useQueryClient();
  const batch = useQuery({
    queryKey: batchKey(id),
    queryFn: () => batchApi.get(id),
  });
  const streamError = useBatchEvents(id, batch.data !== undefined && isLive(batch.data));
  const earlierId = batch.data?.rerunOf ?? null;
  const [compare, setCompare] = useState(true);
  const earlier = useQuery({
    queryKey: batchKey(earlierId ?? ''),
    queryFn: () => batchApi.get(earlierId!),
    enabled: earlierId !== null,
  });
  useBatchEvents(earlierId, earlier.data !== undefined && isLive(earlier.data));
  const mark = useMutation({
    mutationFn: (m: { cell: string; mark: BatchCell['mark']; note: string }) =>
      batchApi.mark(id, m.cell, { mark: m.mark, note: m.note }),
    onSuccess: (b) => {
      qc.setQueryData<Batch>(batchKey(id), (old) => mergeBatch(old, b));
      void qc.invalidateQueries({ queryKey: ['batches', 'list'] });
    },
  });
  const rerun = useMutation({
    mutationFn: () => batchApi.rerun(id),
    onSuccess: (b) => {
      qc.setQueryData(batchKey(b.id), b);
      void qc.invalidateQueries({ queryKey: ['batches', 'list'] });
      onOpen(b.id);
    },
  });
  const exporter = useMutation({
    mutationFn: (kind: ExportKind) => exportBatch(kind, batch.data!, providers),
  });
  const linked = useLinkedView();
  const gridRef = useRef<HTMLDivElement>(null);
  // React's wheel listeners are passive: stop the grid scrolling while a wheel zooms a cell.
  useEffect(() => {
    const el = gridRef.current;
    if (!el) return;
    const stop = (e: WheelEvent) => {
      if (e.target instanceof Element && e.target.closest('[data-pane]')) e.preventDefault();
    };
    el.addEventListener('wheel', stop, { passive: false });
    return () => el.removeEventListener('wheel', stop);
  }, [batch.isSuccess]);

  if (batch.isPending) return <p className="p-6 text-sm text-neutral-500">Loading batch…</p>;
  if (batch.isError)
    return (
      <p role="alert" className="p-6 text-sm text-red-300">
        {errorMessage(batch.error)}
      </p>
    );
  const b = batch.data;
  const { prompts, seeds, providers: pids } = b.request;
  const columns = pids.flatMap((p) => seeds.map((s) => ({ provider: p, seed: s })));
  const done = b.cells.filter((c) => c.job && isTerminal(c.job.status)).length;
  const first = b.cells.find((c) => c.job?.outputs[0])?.job?.outputs[0];
  const aspect = first ? first.width / first.height : 1;
  const earlierCells = compare && earlier.data ? earlier.data.cells : null;
  const label = (pid: string) => providers.find((p) => p.id === pid)?.label ?? pid;
  const passed = b.cells.filter((c) => c.mark === 'pass').length;
  const failed = b.cells.filter((c) => c.mark === 'fail').length;

  return (
    <section aria-label="Batch" className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b border-neutral-800 px-4 py-2 text-sm">
        <h2 className="font-semibold text-neutral-100">{b.name}</h2>
        <span data-testid="qa-progress" className="tabular-nums text-neutral-400">
          {done}/{b.cells.length} done · {passed} pass · {failed} fail
        </span>
        {b.rerunOf ? (
          <label className="flex items-center gap-1 text-xs text-neutral-300">
            <input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} />
            Compare with earlier run
          </label>
        ) : null}
        <div className="ml-auto flex gap-1.5">
          <ToolbarButton onClick={linked.reset}>Reset zoom</ToolbarButton>
          <ToolbarButton onClick={() => rerun.mutate()} disabled={rerun.isPending}>
            {rerun.isPending ? 'Re-running…' : 'Re-run batch'}
          </ToolbarButton>
          {(['html', 'csv', 'json'] as const).map((k) => (
            <ToolbarButton key={k} onClick={() => exporter.mutate(k)} disabled={exporter.isPending}>
              {k === 'html' ? 'Report (HTML)' : k.toUpperCase()}
            </ToolbarButton>
          ))}
        </div>
      </div>
      {streamError ? (
        <p role="alert" className="mx-4 mt-2 text-sm text-amber-200">
          {streamError} Reload to see the latest state.
        </p>
      ) : null}
      {rerun.isError || exporter.isError || mark.isError ? (
        <p
          role="alert"
          className="mx-4 mt-2 rounded border border-red-500/30 bg-red-500/10 px-3 py-1.5 text-sm text-red-200"
        >
          {errorMessage(rerun.error ?? exporter.error ?? mark.error)}
        </p>
      ) : null}
      <div ref={gridRef} className="scrollbar-thin min-h-0 flex-1 overflow-auto p-4">
        <div
          role="grid"
          aria-label="QA grid"
          className="grid gap-3"
          style={{
            gridTemplateColumns: `minmax(120px, 180px) repeat(${columns.length}, minmax(180px, ${earlierCells ? 520 : 300}px))`,
          }}
        >
          <div />
          {columns.map((c) => (
            <div key={`${c.provider}-${c.seed}`} className="text-xs text-neutral-400">
              <span className="text-neutral-200">{label(c.provider)}</span> · seed{' '}
              <span className="font-mono">{c.seed}</span>
            </div>
          ))}
          {prompts.map((prompt, row) => (
            <Row key={row} prompt={prompt}>
              {columns.map((_, col) => {
                const index = row * columns.length + col;
                const cell = b.cells[index];
                if (!cell) return <div key={col} />;
                return (
                  <QaCell
                    key={cell.id}
                    cell={cell}
                    earlier={earlierCells?.[index]}
                    view={linked.view}
                    handlers={linked.handlers as Record<string, (e: never) => void>}
                    aspect={aspect}
                    onMark={(m, note) => mark.mutate({ cell: cell.id, mark: m, note })}
                  />
                );
              })}
            </Row>
          ))}
        </div>
      </div>
    </section>
  );
}

function Row({ prompt, children }: { prompt: string; children: React.ReactNode }) {
  return (
    <>
      <div className="self-center text-sm text-neutral-200" title={prompt}>
        {prompt || <span className="text-neutral-500">(no prompt)</span>}
      </div>
      {children}
    </>
  );
}

function ToolbarButton({
  onClick,
  disabled,
  children,
}: {
  onClick: () => void;
  disabled?: boolean;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      className="rounded-md border border-neutral-700 px-2.5 py-1 text-xs font-medium text-neutral-200 hover:border-neutral-500 hover:bg-neutral-800 disabled:opacity-50"
    >
      {children}
    </button>
  );
}
