import { ImageIcon } from '../../ui/icons.tsx';

/** The empty state: one big target for drop, paste or the file picker. */
/** `inputId`: the page's one file input (labelled "Upload image"), opened by this zone's button. */
export function DropZone({ inputId, busy }: { inputId: string; busy: boolean }) {
  return (
    <div className="pointer-events-none absolute inset-0 flex items-center justify-center p-10">
      <div className="pointer-events-auto flex w-full max-w-xl flex-col items-center gap-5 rounded-2xl border-2 border-dashed border-neutral-700 bg-neutral-900/40 px-10 py-16 text-center">
        <div className="rounded-2xl bg-gradient-to-br from-pink-500/20 to-fuchsia-500/10 p-4 text-pink-300 ring-1 ring-pink-500/30">
          <ImageIcon width={36} height={36} />
        </div>
        <div className="flex flex-col gap-1.5">
          <p className="text-lg font-medium text-neutral-100">Drop an image, paste one, or choose a file</p>
          <p className="text-sm text-neutral-500">
            PNG, JPEG or WebP. Then paint over what you want to replace.
          </p>
        </div>
        <label
          htmlFor={inputId}
          className="cursor-pointer rounded-lg bg-neutral-100 px-4 py-2 text-sm font-semibold text-neutral-900 transition hover:bg-white focus-within:ring-2 focus-within:ring-pink-400"
        >
          {busy ? 'Uploading…' : 'Choose a file'}
        </label>
      </div>
    </div>
  );
}
