import { useEditor, useEditorState } from '../../canvas/EditorContext.tsx';
import {
  BrushIcon,
  ClearIcon,
  EraserIcon,
  FitIcon,
  HandIcon,
  InvertIcon,
  RedoIcon,
  UndoIcon,
} from '../../ui/icons.tsx';
import { FillIcon, LassoIcon, PolygonIcon, RectIcon } from './toolIcons.tsx';
import { ToolButton } from './ToolButton.tsx';

const mod = typeof navigator !== 'undefined' && /Mac|iP(hone|ad)/.test(navigator.platform) ? '⌘' : 'Ctrl+';

/** The vertical tool rail: tools, mask commands, history, view. */
export function Toolbar() {
  const editor = useEditor();
  const tool = useEditorState((s) => s.tool);
  const hasImage = useEditorState((s) => s.image !== null);
  const canUndo = useEditorState((s) => s.ops.length > 0);
  const canRedo = useEditorState((s) => s.redo.length > 0);
  return (
    <nav
      aria-label="Tools"
      className="flex w-14 shrink-0 flex-col items-center gap-1 border-r border-neutral-800 bg-neutral-900 py-3"
    >
      <ToolButton
        label="Brush"
        shortcut="B"
        pressed={tool === 'brush'}
        onClick={() => editor.setTool('brush')}
      >
        <BrushIcon />
      </ToolButton>
      <ToolButton
        label="Eraser"
        shortcut="E"
        pressed={tool === 'eraser'}
        onClick={() => editor.setTool('eraser')}
      >
        <EraserIcon />
      </ToolButton>
      <ToolButton
        label="Rectangle"
        shortcut="R; Alt subtracts"
        pressed={tool === 'rect'}
        onClick={() => editor.setTool('rect')}
      >
        <RectIcon />
      </ToolButton>
      <ToolButton
        label="Lasso"
        shortcut="L; Alt subtracts"
        pressed={tool === 'lasso'}
        onClick={() => editor.setTool('lasso')}
      >
        <LassoIcon />
      </ToolButton>
      <ToolButton
        label="Polygon"
        shortcut="P; click the first corner or Enter to close, Alt subtracts"
        pressed={tool === 'polygon'}
        onClick={() => editor.setTool('polygon')}
      >
        <PolygonIcon />
      </ToolButton>
      <ToolButton
        label="Pan"
        shortcut="H, or hold Space"
        pressed={tool === 'pan'}
        onClick={() => editor.setTool('pan')}
      >
        <HandIcon />
      </ToolButton>
      <div className="my-2 h-px w-7 bg-neutral-800" />
      <ToolButton label="Invert mask" shortcut={`${mod}I`} disabled={!hasImage} onClick={editor.invert}>
        <InvertIcon />
      </ToolButton>
      <ToolButton label="Fill mask" disabled={!hasImage} onClick={editor.fillAll}>
        <FillIcon />
      </ToolButton>
      <ToolButton label="Clear mask" disabled={!canUndo} onClick={editor.clear}>
        <ClearIcon />
      </ToolButton>
      <div className="my-2 h-px w-7 bg-neutral-800" />
      <ToolButton label="Undo" shortcut={`${mod}Z`} disabled={!canUndo} onClick={editor.undo}>
        <UndoIcon />
      </ToolButton>
      <ToolButton label="Redo" shortcut={`Shift+${mod}Z`} disabled={!canRedo} onClick={editor.redo}>
        <RedoIcon />
      </ToolButton>
      <div className="my-2 h-px w-7 bg-neutral-800" />
      <ToolButton label="Fit to screen" shortcut="0" disabled={!hasImage} onClick={() => editor.fit()}>
        <FitIcon />
      </ToolButton>
    </nav>
  );
}
