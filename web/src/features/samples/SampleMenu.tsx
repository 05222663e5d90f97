import { useState } from 'react';
import { errorMessage } from '../../lib/api/ApiError.ts';
import { SAMPLES } from './samples.ts';
import { useLoadSample } from './useLoadSample.ts';

/** "Try a sample": a shipped photo with its mask and prompt, ready for Generate on the local engine. */
export function SampleMenu() {
  const [open, setOpen] = useState(false);
  const load = useLoadSample();
  return (
    <div className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-haspopup="menu"
        onClick={() => setOpen((o) => !o)}
        className="rounded-md border border-neutral-700 px-3 py-1.5 text-xs font-medium text-neutral-200 transition hover:border-neutral-500 hover:bg-neutral-800"
      >
        {load.isPending ? 'Opening sample…' : 'Try a sample'}
      </button>
      {open ? (
        <ul
          role="menu"
          aria-label="Samples"
          className="absolute right-0 z-30 mt-1 w-72 rounded-lg border border-neutral-700 bg-neutral-900 p-1 shadow-xl"
        >
          {SAMPLES.map((s) => (
            <li key={s.id} role="none">
              <button
                type="button"
                role="menuitem"
                onClick={() => {
                  setOpen(false);
                  load.mutate(s);
                }}
                className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-xs text-neutral-200 hover:bg-neutral-800"
              >
                <img src={s.photo} alt="" className="size-8 rounded object-cover" />
                <span>
                  {s.label}
                  <span className="block text-neutral-500">“{s.prompt}”</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {load.isError ? (
        <p
          role="alert"
          className="absolute right-0 mt-1 w-72 rounded bg-red-950 px-2 py-1 text-xs text-red-200"
        >
          {errorMessage(load.error)}
        </p>
      ) : null}
    </div>
  );
}
