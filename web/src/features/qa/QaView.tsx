import { useQuery } from '@tanstack/react-query';
import { providersQuery } from '../queries.ts';
import { batchApi } from './batchApi.ts';
import { QaBatch } from './QaBatch.tsx';
import { QaForm } from './QaForm.tsx';
import { useQaRoute } from './useQaRoute.ts';

/** The prompt QA workspace over the studio: a new batch form, earlier batches, and the open batch's grid. */
export function QaView() {
  const route = useQaRoute();
  const providers = useQuery(providersQuery());
  const list = useQuery({ queryKey: ['batches', 'list'], queryFn: batchApi.list, enabled: route.open });
  if (!route.open) return null;
  const all = providers.data?.providers ?? [];

  return (
    <div
      role="dialog"
      aria-label="Prompt QA"
      className="fixed inset-0 z-40 flex flex-col bg-neutral-950 text-neutral-200"
    >
      <header className="flex h-12 shrink-0 items-center gap-3 border-b border-neutral-800 bg-neutral-900 px-4">
        <span className="text-sm font-semibold text-neutral-100">Prompt QA</span>
        <span className="text-xs text-neutral-500">
          Same image and mask, many prompts and seeds, side by side
        </span>
        <button
          type="button"
          onClick={route.close}
          className="ml-auto rounded-md border border-neutral-700 px-3 py-1.5 text-xs font-medium hover:bg-neutral-800"
        >
          Back to studio
        </button>
      </header>
      <div className="flex min-h-0 flex-1">
        <aside className="scrollbar-thin flex w-[320px] shrink-0 flex-col gap-6 overflow-y-auto border-r border-neutral-800 bg-neutral-900 p-4">
          <QaForm providers={all} onCreated={(id) => route.go(id)} />
          <nav aria-label="Batches" className="flex flex-col gap-1">
            <h3 className="text-[11px] font-medium uppercase tracking-wider text-neutral-400">Batches</h3>
            {list.data?.batches.length === 0 ? <p className="text-xs text-neutral-600">None yet.</p> : null}
            {list.data?.batches.map((b) => (
              <button
                key={b.id}
                type="button"
                onClick={() => route.go(b.id)}
                aria-current={b.id === route.batchId ? 'true' : undefined}
                className={`rounded-md px-2 py-1.5 text-left text-xs ${b.id === route.batchId ? 'bg-neutral-800 text-neutral-100' : 'text-neutral-400 hover:bg-neutral-800/60'}`}
              >
                <span className="block truncate">{b.name}</span>
                <span className="text-neutral-500">
                  {b.cellCount} cells · {b.passed} pass · {b.failed} fail{b.rerunOf ? ' · re-run' : ''}
                </span>
              </button>
            ))}
          </nav>
        </aside>
        {route.batchId ? (
          <QaBatch key={route.batchId} id={route.batchId} providers={all} onOpen={(id) => route.go(id)} />
        ) : (
          <p className="m-auto max-w-sm text-center text-sm text-neutral-500">
            Enter prompts and seeds, choose providers, and run a batch. Results fill in here as they finish;
            zoom and pan on any cell moves them all.
          </p>
        )}
      </div>
    </div>
  );
}
