import type { EditorState } from '../store.ts';

/** A command is data plus a pure function from state to the state change (or null: not applicable). */
export interface EditorCommand {
  id: string;
  label: string;
  run(state: EditorState): Partial<EditorState> | null;
}
