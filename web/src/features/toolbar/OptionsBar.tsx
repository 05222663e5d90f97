import { useEditor, useEditorState } from '../../canvas/EditorContext.tsx';
import type { Editor } from '../../editor/Editor.ts';
import { MAX_BRUSH, MIN_BRUSH } from '../../editor/store.ts';
import { ImportMask } from './ImportMask.tsx';
import { MaskCommands } from './MaskCommands.tsx';
import { MaskView } from './MaskView.tsx';
import { ShortcutsOverlay } from './ShortcutsOverlay.tsx';

async function downloadMask(editor: Editor): Promise<void> {
  const blob = await editor.exportMaskPng();
  if (!blob) return;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `mask-${editor.state.image?.id.slice(0, 12) ?? 'image'}.png`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Tool options above the canvas: brush size, zoom and image facts. */
export function OptionsBar() {
  const editor = useEditor();
  const size = useEditorState((s) => s.brushSize);
  const scale = useEditorState((s) => s.viewport.scale);
  const image = useEditorState((s) => s.image);
  const tool = useEditorState((s) => s.tool);
  const hardness = useEditorState((s) => s.hardness);
  const brushTool = tool === 'brush' || tool === 'eraser';
  return (
    <>
      <div className="flex h-11 items-center gap-5 border-b border-neutral-800 bg-neutral-900/80 px-4 text-xs text-neutral-400">
        <span className="w-14 font-medium capitalize text-neutral-200">
          {tool === 'rect' ? 'rectangle' : tool}
        </span>
        <label
          className={`flex items-center gap-2.5 ${brushTool ? '' : 'hidden'}`}
          title="Brush size ([ and ])"
        >
          <span>Size</span>
          <input
            type="range"
            aria-label="Brush size"
            min={MIN_BRUSH}
            max={MAX_BRUSH}
            value={size}
            onChange={(e) => editor.setBrushSize(Number(e.target.value))}
            className="w-32 accent-pink-500"
          />
          <span className="w-12 font-mono tabular-nums text-neutral-300">{size} px</span>
        </label>
        <label
          className={`flex items-center gap-2.5 ${brushTool ? '' : 'hidden'}`}
          title="Brush hardness (Shift+[ and Shift+])"
        >
          <span>Hardness</span>
          <input
            type="range"
            aria-label="Brush hardness"
            min={0}
            max={100}
            value={Math.round(hardness * 100)}
            onChange={(e) => editor.setHardness(Number(e.target.value) / 100)}
            className="w-20 accent-pink-500"
          />
          <span className="w-9 font-mono tabular-nums text-neutral-300">{Math.round(hardness * 100)}%</span>
        </label>
        {brushTool ? null : <span>Alt subtracts</span>}
        <div className="ml-auto flex items-center gap-4 font-mono tabular-nums">
          {image ? (
            <button
              type="button"
              onClick={() => void downloadMask(editor)}
              title="Download the mask exactly as it will be sent (white = fill)"
              className="rounded-md border border-neutral-700 px-2 py-1 font-sans text-neutral-300 transition hover:border-neutral-500 hover:text-neutral-100"
            >
              Export mask
            </button>
          ) : null}
          {image ? (
            <span>
              {image.width} × {image.height}
            </span>
          ) : null}
          <span aria-label="Zoom">{Math.round(scale * 100)}%</span>
          <button
            type="button"
            aria-label="Keyboard shortcuts"
            title="Keyboard shortcuts (?)"
            onClick={() => editor.store.setState({ shortcutsOpen: true })}
            className="size-6 rounded-full border border-neutral-700 font-sans text-neutral-300 hover:border-neutral-500"
          >
            ?
          </button>
        </div>
        <ShortcutsOverlay />
      </div>
      {image ? (
        <div className="flex h-10 items-center gap-5 border-b border-neutral-800 bg-neutral-900/60 px-4 text-xs text-neutral-400">
          <span className="w-14 font-medium text-neutral-200">Mask</span>
          <MaskCommands />
          <MaskView />
          <div className="ml-auto">
            <ImportMask />
          </div>
        </div>
      ) : null}
    </>
  );
}
