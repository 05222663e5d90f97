import { pushOp } from '../history.ts';
import type { EditorCommand } from './command.ts';

/** Replaces the mask with `data` (image-sized, 255 = fill), as one undoable step. */
export const importMaskCommand = (data: Uint8Array<ArrayBuffer>): EditorCommand => ({
  id: 'importMask',
  label: 'Import mask',
  run: (s) =>
    s.image && data.length === s.image.width * s.image.height
      ? pushOp(s, { type: 'bitmap', width: s.image.width, height: s.image.height, data })
      : null,
});
