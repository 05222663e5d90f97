import type { StrokeOp } from '../ops.ts';

/** A pointer event in both image and screen coordinates. */
export interface ToolPointer {
  /** Image pixels. */
  x: number;
  y: number;
  /** Screen (stage) pixels. */
  sx: number;
  sy: number;
}

/** What a tool may do to the editor; tools never touch Konva or React. */
export interface ToolContext {
  beginStroke(mode: StrokeOp['mode'], x: number, y: number): void;
  extendStroke(x: number, y: number): void;
  commitStroke(): void;
  cancelStroke(): void;
  panBy(dx: number, dy: number): void;
}

export interface Tool {
  readonly id: string;
  /** The tool's current state, for tests and the cursor. */
  readonly state: string;
  onPointerDown(ctx: ToolContext, e: ToolPointer): void;
  onPointerMove(ctx: ToolContext, e: ToolPointer): void;
  onPointerUp(ctx: ToolContext, e: ToolPointer): void;
  /** Escape or a lost pointer: abandon the gesture without an undo step. */
  onCancel(ctx: ToolContext): void;
}
