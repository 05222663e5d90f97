import { useEffect } from 'react';
import type { Editor } from '../editor/Editor.ts';
import { handleEditorKey, PEEK_KEY } from '../editor/shortcuts.ts';

const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));

/** Global editor shortcuts (not while typing in a field), and Space to pan while held. */
export function useCanvasKeys(editor: Editor): void {
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      if (e.code === 'Space') {
        e.preventDefault();
        editor.setSpacePan(true);
        return;
      }
      // Held: the key repeats, but the mask is already hidden.
      if (e.key === PEEK_KEY && e.repeat) return;
      if (handleEditorKey(editor, e)) e.preventDefault();
    };
    const up = (e: KeyboardEvent) => {
      if (e.code === 'Space') editor.setSpacePan(false);
      if (e.key === PEEK_KEY) editor.setMaskVisible(true);
    };
    const blur = () => editor.setSpacePan(false);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', blur);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', blur);
    };
  }, [editor]);
}
