import type { ProviderInfo } from '@maskfill/server/contract';
import { useEffect, useRef, useState } from 'react';
import { useEditor, useEditorState } from '../../canvas/EditorContext.tsx';
import { errorMessage } from '../../lib/api/ApiError.ts';
import { FramePreview } from './FramePreview.tsx';
import { drawMaskPreview } from './maskPreview.ts';
import type { Preflight, PreflightWarning } from './preflight.ts';

const px = (s: { width: number; height: number }) => `${s.width} × ${s.height} px`;

/**
 * Near Generate: the "Preflight" button and the warnings inline. `refused` is true after Generate was
 * pressed while a blocking warning stands: that warning is then announced as the reason.
 */
export function PreflightBar({
  preflight,
  provider,
  refused,
}: {
  preflight: Preflight | null;
  provider: ProviderInfo | undefined;
  refused: boolean;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div className="flex flex-col gap-2">
      <button
        type="button"
        disabled={!preflight}
        onClick={() => setOpen(true)}
        className="rounded-md border border-neutral-700 px-3 py-1.5 text-xs font-medium text-neutral-200 hover:border-neutral-500 hover:bg-neutral-800 disabled:cursor-not-allowed disabled:opacity-50"
      >
        Preflight
      </button>
      {preflight && preflight.warnings.length > 0 ? (
        <WarningList warnings={preflight.warnings} label="Preflight warnings" refused={refused} />
      ) : null}
      {open && preflight && provider ? (
        <PreflightDialog preflight={preflight} provider={provider} onClose={() => setOpen(false)} />
      ) : null}
    </div>
  );
}

function WarningList({
  warnings,
  label,
  refused = false,
}: {
  warnings: PreflightWarning[];
  label: string;
  refused?: boolean;
}) {
  return (
    <ul aria-label={label} className="flex flex-col gap-1 text-xs leading-snug">
      {warnings.map((w) => (
        <li
          key={w.code}
          data-code={w.code}
          role={refused && w.severity === 'block' ? 'alert' : undefined}
          className={
            w.severity === 'block'
              ? 'rounded-md border border-red-500/30 bg-red-500/10 px-2.5 py-1.5 text-red-200'
              : 'rounded-md border border-amber-500/25 bg-amber-500/10 px-2.5 py-1.5 text-amber-100/90'
          }
        >
          {w.message}
        </li>
      ))}
    </ul>
  );
}

/** What the provider will receive: the mask as sent, the sizes, the output frame, the warnings. */
export function PreflightDialog({
  preflight,
  provider,
  onClose,
}: {
  preflight: Preflight;
  provider: ProviderInfo;
  onClose: () => void;
}) {
  const editor = useEditor();
  const image = useEditorState((s) => s.image);
  const ops = useEditorState((s) => s.ops);
  const dialog = useRef<HTMLDialogElement>(null);
  const maskCanvas = useRef<HTMLCanvasElement>(null);
  const [maskError, setMaskError] = useState<string | null>(null);
  const [maskBytes, setMaskBytes] = useState<number | null>(null);
  const { sendSize } = preflight;

  useEffect(() => {
    const d = dialog.current;
    // Modal in browsers; jsdom has no showModal, so tests get a plain open dialog.
    if (d?.showModal) d.showModal();
    else if (d) d.open = true;
  }, []);

  // The exact PNG Generate uploads, drawn at the size the provider receives it.
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const png = await editor.exportMaskPng();
        const canvas = maskCanvas.current;
        if (!live || !png || !canvas) return;
        await drawMaskPreview(canvas, png, sendSize);
        if (live) {
          setMaskBytes(png.size);
          setMaskError(null);
        }
      } catch (err) {
        if (live) setMaskError(errorMessage(err));
      }
    })();
    return () => {
      live = false;
    };
  }, [editor, ops, sendSize]);

  return (
    <dialog
      ref={dialog}
      aria-label="Preflight"
      onClose={onClose}
      onCancel={onClose}
      className="m-auto w-[760px] max-w-[95vw] rounded-xl border border-neutral-700 bg-neutral-900 p-0 text-neutral-200 shadow-2xl backdrop:bg-black/60"
    >
      <div className="flex items-center border-b border-neutral-800 px-5 py-3">
        <h2 className="text-sm font-semibold text-neutral-100">
          Preflight — what {provider.label} will receive
        </h2>
        <button
          type="button"
          onClick={() => {
            dialog.current?.close?.();
            onClose();
          }}
          className="ml-auto rounded-md px-2 py-1 text-xs text-neutral-400 hover:bg-neutral-800 hover:text-neutral-100"
        >
          Close
        </button>
      </div>
      <div className="flex flex-col gap-4 p-5">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs">
          <dt className="text-neutral-500">Image and mask sent at</dt>
          <dd data-testid="preflight-send-size">
            {px(sendSize)}
            {preflight.scaledUp && image ? ` (scaled up from ${px(image)})` : ''}
          </dd>
          <dt className="text-neutral-500">Output size</dt>
          <dd data-testid="preflight-output-size">{px(preflight.outputSize)}</dd>
          <dt className="text-neutral-500">Mask</dt>
          <dd>
            {(preflight.coverage * 100).toFixed(1)}% to fill · black = keep, white = fill
            {maskBytes !== null ? ` · PNG ${(maskBytes / 1024).toFixed(1)} KiB` : ''}
          </dd>
        </dl>
        <div className="grid grid-cols-2 gap-4">
          <figure className="flex flex-col gap-1.5">
            <canvas
              ref={maskCanvas}
              data-testid="preflight-mask"
              role="img"
              aria-label={`Mask as sent, ${px(sendSize)}`}
              className="max-h-[220px] max-w-[320px] self-start rounded border border-neutral-800 [image-rendering:pixelated]"
              style={{ aspectRatio: `${sendSize.width} / ${sendSize.height}` }}
            />
            <figcaption className="text-[11px] text-neutral-500">
              {maskError ? (
                <span className="text-red-300">Could not export the mask: {maskError}</span>
              ) : (
                'Mask as sent'
              )}
            </figcaption>
          </figure>
          {image ? <FramePreview url={image.url} image={image} preflight={preflight} /> : null}
        </div>
        {preflight.warnings.length > 0 ? (
          <WarningList warnings={preflight.warnings} label="Warnings" />
        ) : (
          <p className="text-xs text-emerald-300/90">No warnings: the provider takes this as it is.</p>
        )}
      </div>
    </dialog>
  );
}
