import { pushOp } from '../history.ts';
import type { EditorCommand } from './command.ts';

export const fillMask: EditorCommand = {
  id: 'fillAll',
  label: 'Fill mask',
  run: (s) => (s.image ? pushOp(s, { type: 'fillAll' }) : null),
};
