import type { CSSProperties } from 'react';
import { useEditorState } from '../../canvas/EditorContext.tsx';
import { useResultStore } from './resultStore.ts';

/**
 * Drawn over the canvas at the editor's viewport, so it lines up with the result at any zoom: the
 * before/after split, hold-to-compare, and the leak heat-map. It never takes pointer input (pan and
 * zoom keep working underneath); its controls live in the job card and the bar below.
 */
export function ResultOverlay() {
  const image = useEditorState((s) => s.image);
  const preview = useEditorState((s) => s.preview);
  const viewport = useEditorState((s) => s.viewport);
  const { selected, view, split, against, holding } = useResultStore();
  if (!image || !preview || !selected) return null;
  const out = selected.job.outputs[selected.index];
  if (!out) return null;
  // Every layer covers the source's area (a result of another size is scaled onto it, as on the canvas).
  const placed = (): CSSProperties => ({
    position: 'absolute',
    left: 0,
    top: 0,
    width: image.width,
    height: image.height,
    transformOrigin: '0 0',
    transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.scale})`,
    imageRendering: viewport.scale >= 2 ? 'pixelated' : 'auto',
  });
  const before = against?.url ?? image.url;
  return (
    <div className="pointer-events-none absolute inset-0 overflow-hidden" data-testid="result-overlay">
      {view === 'leak' && out.leak ? (
        <img alt="Leak heat-map" src={out.leak.heatmapUrl} style={placed()} className="max-w-none" />
      ) : null}
      {split !== null && !holding ? (
        <img
          alt={against ? `Before: ${against.label}` : 'Before: source'}
          src={before}
          style={{
            ...placed(),
            clipPath: `inset(0 ${(1 - split) * 100}% 0 0)`,
          }}
          className="max-w-none"
        />
      ) : null}
      {holding ? <img alt="Source" src={image.url} style={placed()} className="max-w-none" /> : null}
      {split !== null && !holding ? (
        <div
          aria-hidden
          className="absolute w-0.5 bg-white/90 shadow-[0_0_0_1px_rgba(0,0,0,0.5)]"
          style={{
            left: viewport.x + image.width * viewport.scale * split - 1,
            top: viewport.y,
            height: image.height * viewport.scale,
          }}
        />
      ) : null}
    </div>
  );
}

/** The slider and hold button under the canvas while a result is shown. */
export function CompareBar() {
  const preview = useEditorState((s) => s.preview);
  const { selected, split, against } = useResultStore();
  if (!preview || !selected) return null;
  const set = useResultStore.setState;
  return (
    <div className="pointer-events-auto absolute bottom-12 left-1/2 z-10 flex -translate-x-1/2 items-center gap-3 rounded-full border border-neutral-700 bg-neutral-900/95 px-4 py-1.5 text-xs text-neutral-300 shadow-xl">
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={split !== null}
          onChange={(e) => set({ split: e.target.checked ? 0.5 : null })}
        />
        Before / after
      </label>
      {split !== null ? (
        <input
          type="range"
          aria-label="Before/after split"
          min={0}
          max={100}
          value={Math.round(split * 100)}
          onChange={(e) => set({ split: Number(e.target.value) / 100 })}
          className="w-48 accent-pink-500"
        />
      ) : null}
      {against ? (
        <span className="flex items-center gap-1 text-neutral-400">
          left: {against.label}
          <button
            type="button"
            aria-label="Compare with the source"
            onClick={() => set({ against: null })}
            className="px-1 hover:text-neutral-100"
          >
            ×
          </button>
        </span>
      ) : null}
      <button
        type="button"
        onPointerDown={() => set({ holding: true })}
        onPointerUp={() => set({ holding: false })}
        onPointerLeave={() => set({ holding: false })}
        onKeyDown={(e) => e.key === ' ' && set({ holding: true })}
        onKeyUp={() => set({ holding: false })}
        className="rounded-full border border-neutral-600 px-2.5 py-0.5 hover:border-neutral-400 active:bg-neutral-700"
      >
        Hold to compare
      </button>
    </div>
  );
}
