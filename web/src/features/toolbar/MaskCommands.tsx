import { useState } from 'react';
import { useEditor, useEditorState } from '../../canvas/EditorContext.tsx';
import { MAX_MORPH_RADIUS } from '../../editor/commands/morphMask.ts';

const button =
  'rounded-md border border-neutral-700 px-2 py-1 text-neutral-300 transition hover:border-neutral-500 hover:text-neutral-100 disabled:opacity-30';

/** Grow, shrink and feather the mask by N pixels (each one undo step). */
export function MaskCommands() {
  const editor = useEditor();
  const hasMask = useEditorState((s) => s.ops.length > 0);
  const [px, setPx] = useState(8);
  return (
    <div className="flex items-center gap-1.5">
      <input
        type="number"
        aria-label="Pixels"
        min={1}
        max={MAX_MORPH_RADIUS}
        value={px}
        onChange={(e) =>
          setPx(Math.max(1, Math.min(MAX_MORPH_RADIUS, Math.round(Number(e.target.value)) || 1)))
        }
        className="w-14 rounded-md border border-neutral-700 bg-neutral-950 px-1.5 py-1 font-mono text-neutral-200"
      />
      <span>px</span>
      <button type="button" disabled={!hasMask} className={button} onClick={() => editor.grow(px)}>
        Grow
      </button>
      <button type="button" disabled={!hasMask} className={button} onClick={() => editor.shrink(px)}>
        Shrink
      </button>
      <button type="button" disabled={!hasMask} className={button} onClick={() => editor.feather(px)}>
        Feather
      </button>
    </div>
  );
}
