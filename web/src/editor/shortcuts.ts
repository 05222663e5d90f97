import type { Editor } from './Editor.ts';
import type { ToolId } from './store.ts';

/** The subset of KeyboardEvent the shortcuts read (so tests can pass plain objects). */
export interface KeyInput {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Held to hide the mask and peek at the original; released to show it again. */
export const PEEK_KEY = '\\';

/** What the `?` overlay lists, in order (keys as shown, with `Mod` for Ctrl/⌘). */
export const SHORTCUTS: readonly { keys: string; action: string }[] = [
  { keys: 'B', action: 'Brush' },
  { keys: 'E', action: 'Eraser' },
  { keys: 'R', action: 'Rectangle (Alt: subtract)' },
  { keys: 'L', action: 'Lasso (Alt: subtract)' },
  { keys: 'P', action: 'Polygon: click corners, click the first or Enter to close' },
  { keys: 'H / hold Space / middle drag', action: 'Pan' },
  { keys: '[  ]', action: 'Brush size' },
  { keys: 'Shift+[  Shift+]', action: 'Brush hardness' },
  { keys: 'Mod+I', action: 'Invert mask' },
  { keys: 'Mod+Z  Shift+Mod+Z', action: 'Undo, redo' },
  { keys: 'M', action: 'Show or hide the mask' },
  { keys: 'hold \\', action: 'Peek at the original' },
  { keys: '0  1', action: 'Fit, 100%' },
  { keys: 'Wheel / pinch', action: 'Zoom at the pointer' },
  { keys: 'Escape', action: 'Cancel the gesture' },
  { keys: '?', action: 'This list' },
];

const TOOL_KEYS: Record<string, ToolId> = {
  b: 'brush',
  e: 'eraser',
  r: 'rect',
  l: 'lasso',
  p: 'polygon',
  h: 'pan',
};

/** Runs the editor shortcut for a key press; returns true when it was handled. */
export function handleEditorKey(editor: Editor, e: KeyInput): boolean {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && key === 'z') return (e.shiftKey ? editor.redo() : editor.undo()) || true;
  if (mod && key === 'y') return editor.redo() || true;
  if (mod && key === 'i') return editor.invert() || true;
  if (mod || e.altKey) return false;
  // Shift+[ types `{` on most layouts; the physical key decides.
  if (e.code === 'BracketLeft' || key === '[' || key === '{') {
    if (e.shiftKey || key === '{') editor.stepHardness(-1);
    else editor.stepBrushSize(-1);
    return true;
  }
  if (e.code === 'BracketRight' || key === ']' || key === '}') {
    if (e.shiftKey || key === '}') editor.stepHardness(1);
    else editor.stepBrushSize(1);
    return true;
  }
  const tool = TOOL_KEYS[key];
  if (tool && !e.shiftKey) {
    editor.setTool(tool);
    return true;
  }
  switch (key) {
    case 'escape':
      if (editor.state.shortcutsOpen) editor.store.setState({ shortcutsOpen: false });
      else editor.cancel();
      return true;
    case 'enter':
      return editor.commitGesture();
    case '?':
      editor.store.setState({ shortcutsOpen: !editor.state.shortcutsOpen });
      return true;
    case '0':
      editor.fit();
      return true;
    case '1':
      editor.zoomTo(1);
      return true;
    case 'm':
      editor.setMaskVisible(!editor.state.maskVisible);
      return true;
    case PEEK_KEY:
      editor.setMaskVisible(false);
      return true;
    default:
      return false;
  }
}
