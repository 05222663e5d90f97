import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Editor } from '../editor/Editor.ts';
import type { EditorState } from '../editor/store.ts';

const EditorContext = createContext<Editor | null>(null);

export function EditorProvider({ editor, children }: { editor: Editor; children: ReactNode }) {
  return <EditorContext.Provider value={editor}>{children}</EditorContext.Provider>;
}

export function useEditor(): Editor {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('useEditor needs an <EditorProvider>');
  return editor;
}

/** A narrow read of editor state: the component re-renders only when the selected value changes. */
export function useEditorState<T>(selector: (s: EditorState) => T): T {
  return useStore(useEditor().store, selector);
}
