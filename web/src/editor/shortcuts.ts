import type { Editor } from './Editor.ts';

/** The subset of KeyboardEvent the shortcuts read (so tests can pass plain objects). */
export interface KeyInput {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Runs the editor shortcut for a key press; returns true when it was handled. */
export function handleEditorKey(editor: Editor, e: KeyInput): boolean {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && key === 'z') return (e.shiftKey ? editor.redo() : editor.undo()) || true;
  if (mod && key === 'y') return editor.redo() || true;
  if (mod || e.altKey) return false;
  switch (key) {
    case 'escape':
      editor.cancel();
      return true;
    case 'b':
      editor.setTool('brush');
      return true;
    case 'e':
      editor.setTool('eraser');
      return true;
    case 'h':
      editor.setTool('pan');
      return true;
    case '[':
      editor.stepBrushSize(-1);
      return true;
    case ']':
      editor.stepBrushSize(1);
      return true;
    default:
      return false;
  }
}
