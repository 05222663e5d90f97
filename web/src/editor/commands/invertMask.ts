import { pushOp } from '../history.ts';
import type { EditorCommand } from './command.ts';

export const invertMask: EditorCommand = {
  id: 'invert',
  label: 'Invert mask',
  run: (s) => (s.image ? pushOp(s, { type: 'invert' }) : null),
};
