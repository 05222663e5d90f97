import { useState } from 'react';
import { LoadBoundary } from '../../ui/LoadBoundary.tsx';
import { lazyView } from '../../ui/lazyView.ts';
import { ViewLoading } from '../../ui/ViewLoading.tsx';

// Not on the first load: fetched when the pointer or focus reaches the button, shown once it is clicked.
const HistoryDialog = lazyView(() => import('./HistoryDialog.tsx'), 'HistoryDialog');

/** "History" in the header: opens the server-wide job history. */
export function HistoryButton() {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      <button
        type="button"
        onPointerEnter={HistoryDialog.preload}
        onFocus={HistoryDialog.preload}
        onClick={() => setOpen(true)}
        className="rounded-md border border-neutral-700 px-3 py-1.5 text-xs font-medium text-neutral-200 hover:border-neutral-500 hover:bg-neutral-800"
      >
        History
      </button>
      {open ? (
        <LoadBoundary
          name="History"
          overlay
          onClose={close}
          fallback={
            <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/60">
              <ViewLoading
                label="Loading history…"
                className="flex h-[80vh] w-[min(960px,92vw)] items-center justify-center rounded-xl border border-neutral-700 bg-neutral-900"
              />
            </div>
          }
        >
          <HistoryDialog onClose={close} />
        </LoadBoundary>
      ) : null}
    </>
  );
}
