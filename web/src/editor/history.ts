import type { MaskOp } from './ops.ts';

type History = { ops: MaskOp[]; redo: MaskOp[] };

/** Each function is pure: it returns the next history, or null when nothing changes. */
export const pushOp = (h: History, op: MaskOp): History => ({ ops: [...h.ops, op], redo: [] });

export function undo(h: History): History | null {
  const last = h.ops.at(-1);
  return last ? { ops: h.ops.slice(0, -1), redo: [...h.redo, last] } : null;
}

export function redo(h: History): History | null {
  const next = h.redo.at(-1);
  return next ? { ops: [...h.ops, next], redo: h.redo.slice(0, -1) } : null;
}
