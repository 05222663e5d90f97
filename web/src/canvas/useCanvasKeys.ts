import { useEffect } from 'react';
import type { Editor } from '../editor/Editor.ts';
import { handleEditorKey } from '../editor/shortcuts.ts';

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
      if (!e.ctrlKey && !e.metaKey && e.key === '0') {
        editor.fit();
        e.preventDefault();
        return;
      }
      if (handleEditorKey(editor, e)) e.preventDefault();
    };
    const up = (e: KeyboardEvent) => {
      if (e.code === 'Space') editor.setSpacePan(false);
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
