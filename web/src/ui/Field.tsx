import type { ReactNode } from 'react';

/** A labelled form row: the label names the control for screen readers and tests. */
export function Field({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-[11px] font-medium uppercase tracking-wider text-neutral-400">
        {label}
      </label>
      {children}
      {hint ? <div className="text-xs leading-snug text-neutral-500">{hint}</div> : null}
    </div>
  );
}

export const inputClass =
  'w-full rounded-md border border-neutral-700/80 bg-neutral-950/60 px-2.5 py-1.5 text-sm text-neutral-100 placeholder:text-neutral-600 outline-none transition focus:border-pink-500/70 focus:ring-2 focus:ring-pink-500/20 disabled:opacity-50';
