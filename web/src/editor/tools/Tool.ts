import type { StrokeOp } from '../ops.ts';

/** A pointer event in both image and screen coordinates. */
export interface ToolPointer {
  /** Image pixels. */
  x: number;
  y: number;
  /** Screen (stage) pixels. */
  sx: number;
  sy: number;
  /** Alt held: shape tools subtract instead of add. */
  alt?: boolean;
  /** Pen pressure 0..1 (pens only; absent for mouse and touch). */
  pressure?: number;
}

/** The outline a shape tool is drawing, shown by the canvas until committed or cancelled. */
export interface ShapePreview {
  points: number[];
  closed: boolean;
  mode: 'paint' | 'erase';
}

/** What a tool may do to the editor; tools never touch Konva or React. */
export interface ToolContext {
  beginStroke(mode: StrokeOp['mode'], x: number, y: number, pressure?: number): void;
  extendStroke(x: number, y: number, pressure?: number): void;
  commitStroke(): void;
  cancelStroke(): void;
  panBy(dx: number, dy: number): void;
  /** Shows (or with null, hides) the outline of the shape in progress. */
  showShape(shape: ShapePreview | null): void;
  /** Adds (paint) or subtracts (erase) a closed polygon as one undo step; hides the outline. */
  commitShape(mode: 'paint' | 'erase', points: number[]): void;
  /** Screen pixels per image pixel (for hit distances measured on screen). */
  viewScale(): number;
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
  /** True while a gesture spans several clicks (polygon): the next pointer-down continues it. */
  readonly continues?: boolean;
  /** Enter: completes a multi-click gesture. */
  onCommit?(ctx: ToolContext): void;
}
