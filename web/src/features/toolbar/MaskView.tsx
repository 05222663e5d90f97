import { useEditor, useEditorState } from '../../canvas/EditorContext.tsx';

const hex = (n: number) => n.toString(16).padStart(2, '0');

/** Mask overlay colour, opacity and visibility (display only). */
export function MaskView() {
  const editor = useEditor();
  const color = useEditorState((s) => s.overlayColor);
  const visible = useEditorState((s) => s.maskVisible);
  return (
    <div className="flex items-center gap-2">
      <input
        type="color"
        aria-label="Mask colour"
        value={`#${hex(color.r)}${hex(color.g)}${hex(color.b)}`}
        onChange={(e) => {
          const v = parseInt(e.target.value.slice(1), 16);
          editor.setOverlayColor({ r: v >> 16, g: (v >> 8) & 255, b: v & 255 });
        }}
        className="h-6 w-7 cursor-pointer rounded border border-neutral-700 bg-transparent"
      />
      <input
        type="range"
        aria-label="Mask opacity"
        min={10}
        max={100}
        value={Math.round(color.a * 100)}
        onChange={(e) => editor.setOverlayColor({ a: Number(e.target.value) / 100 })}
        className="w-20 accent-pink-500"
      />
      <label className="flex items-center gap-1" title="Show the mask (M; hold \ to peek at the original)">
        <input
          type="checkbox"
          aria-label="Show mask"
          checked={visible}
          onChange={(e) => editor.setMaskVisible(e.target.checked)}
          className="accent-pink-500"
        />
        Show
      </label>
    </div>
  );
}
