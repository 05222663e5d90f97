import { pushOp } from '../history.ts';
import type { EditorCommand } from './command.ts';

export const clearMask: EditorCommand = {
  id: 'clear',
  label: 'Clear mask',
  // Clearing an untouched mask would only add an empty undo step.
  run: (s) =>
    s.image && s.ops.length > 0 && s.ops.at(-1)?.type !== 'clear' ? pushOp(s, { type: 'clear' }) : null,
};
